/**
 * The answer to a request too malformed for JsSIP to take (RFC 3261 8.2: a UAS rejects a
 * request it cannot understand, with 400, or 505 for another SIP version, where it can still
 * build a response). A response needs only the request's Via headers, From, To, Call-ID and
 * CSeq, copied back (8.2.6.2), so this finds just those in the raw text and answers only if
 * each of them parses on its own by JsSIP's grammar. Anything less and there is no answer:
 * a reply the switchboard cannot parse is worse than none (Kamailio closes the WebSocket of a
 * client that sends a reply with a broken Via, and with it our registration).
 */
import { Grammar } from 'jssip';

/** Longest answer we build; a longer one means header values blown up past any real use. */
const MAX_REPLY_CHARS = 16 * 1024;
const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/;
const COMPACT: Record<string, string> = { v: 'via', f: 'from', t: 'to', i: 'call-id' };

export type RejectStatus = { code: 400 | 505; reason: string };
export const BAD_REQUEST: RejectStatus = { code: 400, reason: 'Bad Request' };
export const VERSION_NOT_SUPPORTED: RejectStatus = { code: 505, reason: 'Version Not Supported' };

/** What a request line must at least be for us to answer it: a method, then a space. */
export function requestMethod(firstLine: string): string | null {
  const space = firstLine.indexOf(' ');
  if (space <= 0 || firstLine.startsWith('SIP/')) return null;
  const method = firstLine.slice(0, space);
  return TOKEN.test(method) ? method : null;
}

/**
 * Header fields of the message head (up to the first empty line), unfolded, by lower-case
 * name with compact forms expanded. Bare LF line ends are read too: a peer that sends them is
 * still owed an answer.
 */
function headerFields(text: string): Map<string, string[]> {
  const end = text.search(/\r?\n\r?\n/);
  const lines = (end === -1 ? text : text.slice(0, end)).split(/\r?\n/).slice(1);
  const fields = new Map<string, string[]>();
  let last: string[] | null = null;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last) {
      last[last.length - 1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    const name = line.slice(0, Math.max(colon, 0)).trim().toLowerCase();
    if (colon <= 0 || !TOKEN.test(name)) {
      last = null;
      continue;
    }
    const key = COMPACT[name] ?? name;
    last = fields.get(key) ?? [];
    last.push(line.slice(colon + 1).trim());
    fields.set(key, last);
  }
  return fields;
}

/** JsSIP's grammar rule `rule` applied to `value` alone: the parsed value, or null. */
export function parsesAs<T>(value: string, rule: string): T | null {
  try {
    const parsed: unknown = Grammar.parse(value, rule);
    return parsed === -1 ? null : (parsed as T);
  } catch {
    return null;
  }
}

/**
 * The rejection of the request in `text`, or null when it cannot be answered: not a request,
 * an ACK (never answered, RFC 3261 17.2.1), or Via/From/To/Call-ID/CSeq missing, doubled or
 * unparsable. `toTag` is ours, added to a To without one.
 */
export function rejectReply(text: string, status: RejectStatus, toTag: string): string | null {
  const lineEnd = text.search(/\r?\n/);
  const method = requestMethod(lineEnd === -1 ? text : text.slice(0, lineEnd));
  if (!method || method.toUpperCase() === 'ACK') return null;
  const fields = headerFields(text);
  const single = (name: string) => {
    const values = fields.get(name);
    return values?.length === 1 ? values[0] : undefined;
  };
  const vias = fields.get('via') ?? [];
  const [from, to, callId, cseqText] = [single('from'), single('to'), single('call-id'), single('cseq')];
  const toParsed = to === undefined ? null : parsesAs<{ hasParam(name: string): boolean }>(to, 'To');
  const cseq = cseqText === undefined ? null : parsesAs<{ value: number; method: string }>(cseqText, 'CSeq');
  if (
    vias.length === 0 ||
    !vias.every((via) => parsesAs(via, 'Via')) ||
    from === undefined ||
    !parsesAs(from, 'From') ||
    to === undefined ||
    !toParsed ||
    callId === undefined ||
    !parsesAs(callId, 'Call_ID') ||
    !cseq
  )
    return null;
  const lines = [
    `SIP/2.0 ${status.code} ${status.reason}`,
    ...vias.map((via) => `Via: ${via}`),
    `From: ${from}`,
    `To: ${toParsed.hasParam('tag') ? to : `${to};tag=${toTag}`}`,
    `Call-ID: ${callId}`,
    `CSeq: ${cseq.value} ${cseq.method}`,
    'Content-Length: 0',
  ];
  const reply = `${lines.join('\r\n')}\r\n\r\n`;
  return reply.length <= MAX_REPLY_CHARS ? reply : null;
}
