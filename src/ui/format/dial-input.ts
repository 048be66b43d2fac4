/**
 * What the dial field accepts. Typing allows SIP-address characters (so
 * "alice@pbx.example.com" can be typed); pasting is stricter because pasted
 * numbers arrive formatted ("+86 138-0013-8000", "tel:…", "(010) 6552 …").
 */
const TYPED_DISALLOWED = /[^A-Za-z0-9*#+_.@:,;-]/g;
const SIP_ADDRESS = /(?:sip:)?[A-Za-z0-9*#+_.-]+@[A-Za-z0-9.-]+(?::\d+)?/i;

/** Characters a dial pad key or keyboard key may add; "," (pause 2 s) and ";" (wait) lead to an extension. */
export const DIAL_KEYS = '0123456789*#+,;';

export function cleanTyped(value: string): string {
  return value.replace(TYPED_DISALLOWED, '').slice(0, 160);
}

/**
 * A pasted SIP address is kept as the address alone (the rest of a pasted
 * sentence or a "Name <sip:…>" wrapper is dropped); anything else keeps only
 * dialable characters 0-9 * # + and the extension separators , ; ("0255795125,,8057").
 */
export function cleanPasted(text: string): { kind: 'address' | 'digits'; value: string } {
  const address = SIP_ADDRESS.exec(text);
  if (address) return { kind: 'address', value: address[0].slice(0, 128) };
  return { kind: 'digits', value: text.replace(/[^0-9*#+,;]/g, '').slice(0, 160) };
}
