/**
 * The service's side of the password rules: the rules themselves are shared with the app
 * (lib/password-rules.ts); the English words here are for the API reader (problem+json).
 */
import { passwordHistorySize, passwordLength, type PasswordViolation } from '../../../lib/password-rules.ts';

export * from '../../../lib/password-rules.ts';

/** Words for each violation (the app shows its own translation of the code; these are for the API reader). */
export const violationMessages: Record<PasswordViolation, string> = {
  'too-short': `Use at least ${passwordLength.min} characters.`,
  'too-long': `Use at most ${passwordLength.max} characters.`,
  'no-letter': 'Include at least one letter.',
  'no-digit': 'Include at least one digit (0–9).',
  'no-symbol': 'Include at least one symbol, such as ! # % or *.',
  'has-whitespace': 'Leave out spaces and other blank characters.',
  'contains-email-name': 'Do not use the part of your e-mail address before the @.',
  'recently-used': `Choose a password you have not used for your last ${passwordHistorySize} passwords.`,
};
