/**
 * The password rules of issue 18 (the TCCC workbench's): 8–20 characters with a letter, a digit and
 * a symbol, no whitespace, not the e-mail's name, not one of the last five. Pure: the last rule needs
 * the stored hashes, so the caller says whether the password was used before (password-history.ts).
 * Here in lib/ because both sides need the very same rules: the service refuses by them and the app
 * shows them as the user types (the switchboard may not import src/, and src/ui may import lib/).
 */

export const passwordLength = { min: 8, max: 20 } as const;
/** How many earlier passwords may not come back. */
export const passwordHistorySize = 5;
/** A local part this short ("li@…") would forbid too many passwords if it could not appear inside one. */
const SHORTEST_NAME_CHECKED = 3;

export const passwordViolationCodes = [
  'too-short',
  'too-long',
  'no-letter',
  'no-digit',
  'no-symbol',
  'has-whitespace',
  'contains-email-name',
  'recently-used',
] as const;
export type PasswordViolation = (typeof passwordViolationCodes)[number];

/**
 * Every rule the password breaks (not just the first), in the order of `passwordViolationCodes`.
 * Length counts characters as the user sees them (code points), not UTF-16 units. The e-mail's local
 * part is refused anywhere inside the password, in any case ("Anna.Li" in "xANNA.LI9!"), when it is
 * 3 characters or longer: equal-only would let "anna.li1!" through, which the rule is there to stop.
 */
export function passwordViolations(
  password: string,
  context: { email: string; recentlyUsed?: boolean },
): PasswordViolation[] {
  const length = [...password].length;
  const found: PasswordViolation[] = [];
  if (length < passwordLength.min) found.push('too-short');
  if (length > passwordLength.max) found.push('too-long');
  if (!/\p{L}/u.test(password)) found.push('no-letter');
  if (!/[0-9]/.test(password)) found.push('no-digit');
  if (!/[^\p{L}\p{N}\s]/u.test(password)) found.push('no-symbol');
  if (/\s/u.test(password)) found.push('has-whitespace');
  const name = localPart(context.email).toLowerCase();
  if (name.length >= SHORTEST_NAME_CHECKED && password.toLowerCase().includes(name)) found.push('contains-email-name');
  if (context.recentlyUsed) found.push('recently-used');
  return found;
}

export function localPart(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? email : email.slice(0, at);
}
