/**
 * Web addresses in chat text (issue 17): the one place that says what a link is. Chat bubbles show
 * http(s) addresses as links (MessageText.tsx); Electron's window.open hook (security-policy.ts) sends
 * exactly these to the system browser. Every other scheme stays plain text and is never opened.
 */

/** ASCII URL characters only, so a link stops at Chinese text or full-width punctuation after it. */
const LINK = /\bhttps?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gi;
/** Sentence punctuation typed right after an address is not part of it. */
const TRAILING = /[.,;:!?'"]+$/;

export type TextPart = { text: string; href: null } | { text: string; href: string };

/** Whole-string check: an http(s) address with no spaces (what may leave the app for the browser). */
export function isWebLink(url: string): boolean {
  return /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(url);
}

/** The text cut into plain runs and links, in order; joined back they are the text unchanged. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let done = 0;
  for (const found of text.matchAll(LINK)) {
    const link = trimLink(found[0]);
    if (!isWebLink(link)) continue;
    const start = found.index;
    if (start > done) parts.push({ text: text.slice(done, start), href: null });
    parts.push({ text: link, href: link });
    done = start + link.length;
  }
  if (done < text.length) parts.push({ text: text.slice(done), href: null });
  return parts;
}

/** Drop trailing punctuation, and a ")" that closes a bracket opened before the address. */
function trimLink(raw: string): string {
  let link = raw.replace(TRAILING, '');
  while (link.endsWith(')') && count(link, '(') < count(link, ')')) link = link.slice(0, -1).replace(TRAILING, '');
  return link;
}

const count = (text: string, char: string) => text.split(char).length - 1;
