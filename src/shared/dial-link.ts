/**
 * What to dial from a link or a command line: `tel:`, `sip:`/`sips:` and
 * `callto:` links from browsers, CRMs and mail, and `--dial NUMBER`. Everything
 * here comes from outside the app, so anything odd is refused with a reason.
 */
export type DialLinkResult = { ok: true; target: string } | { ok: false; reason: DialLinkRefusal };
export type DialLinkRefusal = 'too-long' | 'control-characters' | 'unsupported-scheme' | 'malformed' | 'empty';

const MAX_LINK_LENGTH = 512;
const MAX_TARGET_LENGTH = 128;
// Visual separators people and CRMs put in numbers (RFC 3966 allows - . ( ) as well).
const VISUAL_SEPARATORS = /[\s\-.()]/g;
const PHONE_NUMBER = /^\+?[0-9*#]+$/;
const SIP_TARGET = /^[A-Za-z0-9*#+_.!~'-]+(@[A-Za-z0-9.-]+(:\d{1,5})?)?$/;

export function parseDialLink(raw: string): DialLinkResult {
  if (raw.length > MAX_LINK_LENGTH) return refuse('too-long');
  // eslint-disable-next-line no-control-regex -- the point is to find control characters
  if (/[\u0000-\u001f\u007f]/.test(raw)) return refuse('control-characters');
  const link = raw.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(link)?.[1]?.toLowerCase();
  if (!scheme) return parseNumber(link);
  const rest = decode(link.slice(scheme.length + 1));
  if (rest === null) return refuse('malformed');
  switch (scheme) {
    case 'tel':
    case 'callto':
      return parseNumber(rest.replace(/^\/\//, '').split(';')[0]!);
    case 'sip':
    case 'sips':
      return parseSip(rest);
    default:
      return refuse('unsupported-scheme');
  }
}

/** `--dial NUMBER` or `--dial=NUMBER` anywhere in a command line (a second launch hands its argv over). */
export function dialArgument(argv: readonly string[]): DialLinkResult | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--dial') return argv[i + 1] === undefined ? refuse('empty') : parseDialLink(argv[i + 1]!);
    if (arg.startsWith('--dial=')) return parseDialLink(arg.slice('--dial='.length));
    if (/^(tel|sips?|callto):/i.test(arg)) return parseDialLink(arg);
  }
  return null;
}

function parseNumber(text: string): DialLinkResult {
  const number = text.replace(VISUAL_SEPARATORS, '');
  if (!number) return refuse('empty');
  if (number.length > MAX_TARGET_LENGTH) return refuse('too-long');
  return PHONE_NUMBER.test(number) ? { ok: true, target: number } : refuse('malformed');
}

function parseSip(text: string): DialLinkResult {
  // Drop URI parameters and headers (;transport=…, ?subject=…): the account decides the transport.
  const target = text.split(/[;?]/)[0]!.trim();
  if (!target) return refuse('empty');
  if (target.length > MAX_TARGET_LENGTH) return refuse('too-long');
  return SIP_TARGET.test(target) ? { ok: true, target } : refuse('malformed');
}

function decode(text: string): string | null {
  try {
    const decoded = decodeURIComponent(text);
    // eslint-disable-next-line no-control-regex -- percent-encoded control characters are refused too
    return /[\u0000-\u001f\u007f]/.test(decoded) ? null : decoded;
  } catch {
    return null;
  }
}

const refuse = (reason: DialLinkRefusal): DialLinkResult => ({ ok: false, reason });
