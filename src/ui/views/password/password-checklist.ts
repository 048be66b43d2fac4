/**
 * The password rules as a checklist the user watches while typing: each rule met or not, from the
 * very rules the service refuses by (lib/password-rules.ts). "Not one of the last five" needs the
 * service's history, so it is not in the list; the service's answer names it when it applies.
 */
import { passwordViolations, type PasswordViolation } from '../../../../lib/password-rules.ts';

/** One line of the list; `length` stands for too-short and too-long together ("8–20 characters"). */
export type ChecklistRule = 'length' | 'letter' | 'digit' | 'symbol' | 'no-whitespace' | 'not-email-name';

const brokenBy: Record<ChecklistRule, PasswordViolation[]> = {
  length: ['too-short', 'too-long'],
  letter: ['no-letter'],
  digit: ['no-digit'],
  symbol: ['no-symbol'],
  'no-whitespace': ['has-whitespace'],
  'not-email-name': ['contains-email-name'],
};

export const checklistRules = Object.keys(brokenBy) as ChecklistRule[];

export function passwordChecklist(password: string, email: string): { rule: ChecklistRule; met: boolean }[] {
  const broken = new Set(passwordViolations(password, { email }));
  return checklistRules.map((rule) => ({ rule, met: !brokenBy[rule].some((code) => broken.has(code)) }));
}

/** Whether a new password may be sent: the rules met and typed the same twice. */
export function newPasswordProblem(
  password: string,
  repeat: string,
  email: string,
): 'rules' | 'mismatch' | 'repeat-missing' | null {
  if (passwordViolations(password, { email }).length > 0) return 'rules';
  if (repeat === '') return 'repeat-missing';
  return password === repeat ? null : 'mismatch';
}

/** Keeps the digits of a typed or pasted reset code, at most six. */
export function resetCodeDigits(text: string): string {
  return text.replace(/\D/g, '').slice(0, 6);
}

/** Alt+Left (Windows, Linux) or Cmd+Left (macOS): back to the e-mail step, as in the Webex desktop. */
export function isBackToEmail(event: { key: string; altKey: boolean; metaKey: boolean }): boolean {
  return event.key === 'ArrowLeft' && (event.altKey || event.metaKey);
}
