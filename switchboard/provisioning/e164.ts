/**
 * Minimal E.164 handling (libphonenumber-js is not among our dependencies): strips spaces, dashes,
 * dots and parentheses, accepts "+CC…" or "00CC…", and — only when a default country calling code
 * is given (CSV import) — a national number, dropping one leading trunk "0". It does NOT validate
 * numbering plans (length per country, mobile ranges); the phoned code proves the number works.
 */
export function parseE164(input: string, defaultCountryCode?: string): string | null {
  const compact = input.trim().replace(/[\s\-.()\u00a0]/g, '');
  let digits: string;
  if (compact.startsWith('+')) digits = compact.slice(1);
  else if (compact.startsWith('00')) digits = compact.slice(2);
  else if (defaultCountryCode !== undefined && /^[1-9]\d{0,2}$/.test(defaultCountryCode)) {
    digits = defaultCountryCode + compact.replace(/^0/, '');
  } else return null;
  // E.164: at most 15 digits, country code never starts with 0; 8 is the shortest real-world total.
  return /^[1-9]\d{7,14}$/.test(digits) ? `+${digits}` : null;
}

/** "+8613800138000" → "+86 138****8000"-style masking for logs and messages: never the full number. */
export function maskNumber(e164: string): string {
  return e164.length <= 7 ? e164 : `${e164.slice(0, 5)}****${e164.slice(-4)}`;
}
