import type { Clock } from '../clock.ts';
import type { ProvisioningDb } from '../db.ts';
import type { DeviceBook } from '../devices.ts';
import type { SignInAudit } from '../sign-in-audit.ts';
import type { SignInLimiter } from '../sign-in-limits.ts';
import { defaultAccountLimits, type AccountContext, type AccountLimits } from './account-context.ts';
import { AccountAdmin } from './account-admin.ts';
import { AccountSignIn } from './account-sign-in.ts';
import { AccountStore } from './account-store.ts';
import type { Mailer } from './mailer.ts';
import { defaultScryptParams, type ScryptParams } from './password-hash.ts';
import { PasswordReset } from './password-reset.ts';

export type AccountsOptions = {
  mailer?: Mailer;
  /** scrypt cost for new hashes (default defaultScryptParams; tests pass a cheaper one). */
  scryptParams?: ScryptParams;
  accountLimits?: Partial<AccountLimits>;
  onMailFailed?: (error: unknown, to: string) => void;
};

/** Refuses to send: a service built without a mail server cannot create accounts or mail codes. */
const noMailer: Mailer = {
  send: () => Promise.reject(new Error('no mail server is configured for this service')),
};

/** Contact-center accounts (issue 18): sign-in and password change, forgot password, administration. */
export class Accounts {
  readonly signIn: AccountSignIn;
  readonly reset: PasswordReset;
  readonly admin: AccountAdmin;
  private readonly store: AccountStore;

  constructor(
    deps: {
      db: ProvisioningDb;
      clock: Clock;
      devices: DeviceBook;
      limiter: SignInLimiter;
      audit: SignInAudit;
      pepper: Buffer;
    },
    options: AccountsOptions = {},
  ) {
    this.store = new AccountStore(deps.db, deps.clock);
    const ctx: AccountContext = {
      ...deps,
      store: this.store,
      mailer: options.mailer ?? noMailer,
      scrypt: options.scryptParams ?? defaultScryptParams,
      limits: { ...defaultAccountLimits, ...options.accountLimits },
      onMailFailed:
        options.onMailFailed ??
        ((error, to) => console.error(`provisioning: a mail to ${to} could not be sent`, error)),
    };
    this.signIn = new AccountSignIn(ctx);
    this.reset = new PasswordReset(ctx, this.signIn);
    this.admin = new AccountAdmin(ctx);
  }

  /** Whether this person signed in with an account whose password must change first (false without one). */
  mustChangePassword(personId: number): boolean {
    return this.store.byPerson(personId)?.mustChange ?? false;
  }
}
