/**
 * Mobile numbers for sign-in: what the user types ("138 0013 8000", "+49 151 1234-5678",
 * "0086 138…") to E.164. Pure, so the UI checks as the user types and main checks again
 * before anything reaches the provisioning service.
 */
// Mobile-only metadata: smaller than "max" and checks exactly what sign-in needs, a mobile number
// (a landline is refused like any impossible number).
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

/** Numbers without a country code are read as Chinese ones. */
export const DEFAULT_MOBILE_COUNTRY = 'CN';
export const MOBILE_INPUT_MAX = 40;

export type MobileNumberError = 'required' | 'invalid' | 'tooLong';

export type ParsedMobile =
  | { ok: true; e164: string; /** For people: "+86 138 0013 8000". */ display: string }
  | { ok: false; error: MobileNumberError };

/** Only digits, spaces, dashes, dots, parentheses and a leading "+" are accepted. */
const ALLOWED = /^\+?[\d\s\-.()]+$/;

export function parseMobileNumber(input: string): ParsedMobile {
  const text = input.trim();
  if (!text) return { ok: false, error: 'required' };
  if (text.length > MOBILE_INPUT_MAX) return { ok: false, error: 'tooLong' };
  if (!ALLOWED.test(text)) return { ok: false, error: 'invalid' };
  // "00" is the international prefix in China and most of the world: "0086 138…" means "+86 138…".
  const normalized = text.replace(/^00(?=[1-9])/, '+');
  const number = parsePhoneNumberFromString(normalized, DEFAULT_MOBILE_COUNTRY);
  if (!number || !number.isValid()) return { ok: false, error: 'invalid' };
  return { ok: true, e164: number.number, display: number.formatInternational() };
}
