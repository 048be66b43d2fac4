/**
 * What to do with one SIP message from the switchboard, decided before JsSIP's user agent sees
 * it: JsSIP's own parser reads it first, inside a try/catch, so a message it cannot parse (or
 * that makes it throw) is dropped here, answered where a response is possible, and never
 * reaches the code that assumes a parsed message. A few RFC 3261 rules JsSIP does not check
 * (the SIP version, a CSeq naming another method, the headers every message needs, Via headers
 * past the first) are checked here too, so JsSIP never half-handles such a message, nor answers
 * with a reply the switchboard cannot parse (see sip-reject-reply.ts).
 */
import { Grammar } from 'jssip';
import { parseMessage } from 'jssip/lib/Parser.js';
import {
  BAD_REQUEST,
  parsesAs,
  rejectReply,
  requestMethod,
  VERSION_NOT_SUPPORTED,
  type RejectStatus,
} from './sip-reject-reply.ts';

export type DropReason =
  | 'no line end'
  | 'bad start line'
  | 'bad header'
  | 'parser threw'
  | 'missing header'
  | 'SIP version'
  | 'CSeq method differs';

export type InboundVerdict =
  | { deliver: true }
  | {
      deliver: false;
      reason: DropReason;
      kind: 'request' | 'response' | 'unknown';
      /** A request's method when it is one we know; anything else is 'other' (never log text from the wire). */
      method: string | null;
      /** The rejection to send back, when the request can still be answered. */
      reply: { status: number; text: string } | null;
      /** For 'parser threw': the parser's error. */
      error?: unknown;
    };

const KNOWN_METHODS = new Set([
  'INVITE',
  'ACK',
  'BYE',
  'CANCEL',
  'OPTIONS',
  'REGISTER',
  'PRACK',
  'SUBSCRIBE',
  'NOTIFY',
  'PUBLISH',
  'INFO',
  'REFER',
  'MESSAGE',
  'UPDATE',
]);
/** JsSIP's sanity check drops a message without these, silently (RFC 3261 8.1.1). */
const MANDATORY_HEADERS = ['Via', 'From', 'To', 'Call-ID', 'CSeq'];
const KEEPALIVE = new Set(['\r\n', '\r\n\r\n']);
const SIP_2_0 = /^SIP\/2\.0$/i;

/** The parser's only use of the user agent is to store it on a request; nothing is sent through it. */
const NO_USER_AGENT = {};

export function checkInbound(text: string, newTag: () => string): InboundVerdict {
  if (KEEPALIVE.has(text)) return { deliver: true };
  const lineEnd = text.indexOf('\r\n');
  const firstLine = lineEnd === -1 ? text : text.slice(0, lineEnd);
  const method = requestMethod(firstLine);
  const drop = (reason: DropReason, status: RejectStatus | null = BAD_REQUEST, error?: unknown): InboundVerdict => {
    const reply = method && status ? rejectReply(text, status, newTag()) : null;
    return {
      deliver: false,
      reason,
      kind: method ? 'request' : firstLine.startsWith('SIP/') ? 'response' : 'unknown',
      method: method ? (KNOWN_METHODS.has(method.toUpperCase()) ? method.toUpperCase() : 'other') : null,
      reply: reply && status ? { status: status.code, text: reply } : null,
      ...(error === undefined ? {} : { error }),
    };
  };

  if (lineEnd === -1) return drop('no line end');
  let message: ReturnType<typeof parseMessage>;
  try {
    if (Grammar.parse(firstLine, 'Request_Response') === -1) return drop('bad start line');
    message = parseMessage(text, NO_USER_AGENT);
  } catch (error) {
    return drop('parser threw', BAD_REQUEST, error);
  }
  if (!message) return drop('bad header');
  if (MANDATORY_HEADERS.some((name) => !message.hasHeader(name))) return drop('missing header', null);
  if (!method) return { deliver: true };
  // JsSIP parses only the first Via, and copies all of them into its answers.
  if (!message.getHeaders('Via').every((via) => parsesAs(via, 'Via'))) return drop('bad header', null);

  const version = firstLine.slice(firstLine.lastIndexOf(' ') + 1);
  if (!SIP_2_0.test(version)) return drop('SIP version', VERSION_NOT_SUPPORTED);
  const cseqMethod = message.parseHeader<{ method?: string }>('CSeq')?.method;
  if (cseqMethod !== message.method) return drop('CSeq method differs');
  return { deliver: true };
}
