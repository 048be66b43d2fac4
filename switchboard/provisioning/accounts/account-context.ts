import type { Clock } from '../clock.ts';
import type { ProvisioningDb } from '../db.ts';
import type { DeviceBook } from '../devices.ts';
import { ProvisioningError } from '../problems.ts';
import type { SignInAudit } from '../sign-in-audit.ts';
import type { Account, SignInLimiter } from '../sign-in-limits.ts';
import type { AccountStore } from './account-store.ts';
import type { Mailer } from './mailer.ts';
import type { ScryptParams } from './password-hash.ts';
import { violationMessages, type PasswordViolation } from './password-rules.ts';

/** What accounts add to the sign-in limits (the rest, per address and per identity, are the number sign-in's). */
export type AccountLimits = {
  /** "Forgot password" codes live this long (issue 18: 10 minutes). */
  resetCodeTtlSec: number;
  /** Before another code may be mailed to the same address. */
  resetResendAfterSec: number;
  /** Wrong passwords within `lockoutSec` that lock the e-mail for `lockoutSec`. */
  wrongPasswordsBeforeLockout: number;
};

export const defaultAccountLimits: AccountLimits = {
  resetCodeTtlSec: 600,
  resetResendAfterSec: 60,
  wrongPasswordsBeforeLockout: 5,
};

/** Everything the account flows share, built once by ProvisioningService. */
export type AccountContext = {
  db: ProvisioningDb;
  clock: Clock;
  store: AccountStore;
  devices: DeviceBook;
  limiter: SignInLimiter;
  audit: SignInAudit;
  mailer: Mailer;
  scrypt: ScryptParams;
  limits: AccountLimits;
  /** Secret key for the reset-code HMAC, kept outside the database. */
  pepper: Buffer;
  /** Where a mail that could not be sent is reported (the answer to the asker cannot say, see password-reset.ts). */
  onMailFailed: (error: unknown, to: string) => void;
};

/**
 * Whom the per-identity limits and lockouts count: the e-mail, lower-cased, in the company asked for
 * (0: none named), whether or not anyone registered it, so an unknown e-mail is limited alike.
 */
export function emailKey(email: string, companyId?: number): Account {
  return { mobile: `mail:${email.trim().toLowerCase()}`, companyId: companyId ?? 0 };
}

export function rulesRefusal(violations: PasswordViolation[]): ProvisioningError {
  const details = violations.map((code) => ({ code, message: violationMessages[code] }));
  return new ProvisioningError(
    'password-rules',
    `The new password does not meet the rules: ${details.map((d) => d.message).join(' ')}`,
    { violations: details },
  );
}
