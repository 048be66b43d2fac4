/**
 * What keeps secrets out of the log files: fields are redacted by key (a field named like a
 * password, code, token or body never reaches the disk, however deep), and every string —
 * messages, field values, error messages and stacks — by value pattern, for secrets that hide
 * inside text (an Authorization header, `password=` in a URL, a Bearer token, an SDP or a SIP
 * body). Pure, so the rules are unit-tested without a logger.
 */

export const REDACTED = '[redacted]';

/** Longest string kept whole; longer ones are cut (a runaway value must not make a megabyte line). */
export const MAX_STRING = 2000;
const MAX_DEPTH = 6;
const MAX_ENTRIES = 50;

/**
 * Field names that always hold a secret or private content, compared lower-case with `_`, `-`,
 * `.` and spaces removed: `sipPassword`, `device_token`, `Proxy-Authorization`, `remoteSdp`,
 * `messageBody` all match. `code` is the phoned sign-in code; SIP and HTTP status codes are
 * logged as `status` (and `statusCode`, `errorCode` do not match).
 */
const SECRET_KEY_ENDINGS =
  /(password|passwd|passphrase|secret|token|ha1|authorization|cookie|sdp|body|credentials?|apikey|privatekey)s?$/;
const SECRET_KEYS = new Set(['code', 'signincode', 'verificationcode', 'smscode', 'otp', 'pin', 'pwd', 'pass', 'auth']);

export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[\s_.-]/g, '');
  return SECRET_KEYS.has(normalized) || SECRET_KEY_ENDINGS.test(normalized);
}

const SIP_START_LINE = /^(?:[A-Z]+ \S+ SIP\/2\.0|SIP\/2\.0 \d{3})/m;

/** Each rule replaces what it matched, keeping the name so a reader still sees what was there. */
const VALUE_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // Authorization / Proxy-Authorization header lines, digest or basic.
  [/\b((?:proxy-)?authorization\s*:\s*)[^\r\n]*/gi, `$1${REDACTED}`],
  // `Bearer eyJ…` anywhere.
  [/\b(bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${REDACTED}`],
  // A URL's user:password@ part (http, ws, ...) and a SIP URI's deprecated user:password@.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^@\s/]+@/gi, `$1${REDACTED}@`],
  [/\b(sips?:[^:@\s]+:)[^@\s]+@/gi, `$1${REDACTED}@`],
  // name=value, name: value and "name":"value" for secret names, in URLs, JSON and prose.
  [
    /\b((?:password|passwd|pwd|secret|token|access_token|refresh_token|device_token|ha1)["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi,
    `$1${REDACTED}`,
  ],
  // A sign-in code is 4 to 8 digits after "code": SIP status codes (3 digits) are left alone.
  [/\b((?:code|otp)["']?\s*[:=]\s*["']?)\d{4,8}\b/gi, `$1${REDACTED}`],
  // An SDP offer or answer (session descriptions start with v=0).
  [/(^|\n)v=0\r?\n[\s\S]*/g, `$1[sdp ${REDACTED}]`],
];

/** A string with its secrets replaced and its length capped. */
export function redactText(text: string): string {
  let out = text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…[${text.length - MAX_STRING} more]` : text;
  // A SIP message's body (an SDP, a MESSAGE text) is whatever follows the blank line after its headers.
  if (SIP_START_LINE.test(out)) out = out.replace(/(\r?\n\r?\n)[\s\S]+$/, `$1[body ${REDACTED}]`);
  for (const [pattern, replacement] of VALUE_RULES) out = out.replace(pattern, replacement);
  return out;
}

/** Node's errno-style codes (`ENOENT`, `SQLITE_BUSY`) say what went wrong and are never secret. */
const ERRNO_CODE = /^[A-Z][A-Z0-9_]{1,40}$/;

function redactError(error: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.name, message: redactText(error.message) };
  if (error.stack) out.stack = redactText(error.stack);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && ERRNO_CODE.test(code)) out.code = code;
  if (error.cause !== undefined) out.cause = redactValue(error.cause, depth + 1);
  return out;
}

/** A copy of any value that is safe to write: secret keys blanked, strings redacted, size bounded. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) return redactError(value, depth);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ENTRIES).map((item) => redactValue(item, depth + 1));
    if (value.length > MAX_ENTRIES) items.push(`…[${value.length - MAX_ENTRIES} more]`);
    return items;
  }
  return redactFields(value as Record<string, unknown>, depth);
}

/** An object's fields with secret keys blanked and every value redacted (see redactValue). */
export function redactFields(fields: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const [key, value] of Object.entries(fields)) {
    if (++count > MAX_ENTRIES) {
      out['…'] = `${Object.keys(fields).length - MAX_ENTRIES} more fields`;
      break;
    }
    if (value === undefined) continue;
    out[key] = isSecretKey(key) ? REDACTED : redactValue(value, depth + 1);
  }
  return out;
}
