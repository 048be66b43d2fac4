import type { SignInResult } from '../devices.ts';
import { ProvisioningError } from '../problems.ts';
import { DAY, HOUR, type Account } from '../sign-in-limits.ts';
import type { DeviceApp } from '../sip-accounts.ts';
import { emailKey, rulesRefusal, type AccountContext } from './account-context.ts';
import { normalizeEmail, type AccountRow, type Role } from './account-store.ts';
import { dummyPasswordCheck, hashPassword, passwordMatches } from './password-hash.ts';
import { passwordViolations } from './password-rules.ts';

export type PasswordSignInResult = SignInResult & {
  /** First sign-in (or after an administrator's reset): the app asks for a new password before anything else. */
  mustChangePassword: boolean;
  account: { email: string; role: Role; teams: string[] };
};

/** Sign-in with e-mail and password, and changing the password (issue 18). */
export class AccountSignIn {
  private readonly ctx: AccountContext;

  constructor(ctx: AccountContext) {
    this.ctx = ctx;
  }

  /**
   * The same device, token and SIP credentials a number sign-in gets. Limits come first, then exactly
   * one scrypt whether or not anyone registered the e-mail (a dummy for nobody), and an unknown e-mail
   * gets the known one's `wrong-password` answer and counters: the answer and its time tell nothing.
   * Without `companyId`, the e-mail's accounts in every company are tried (one scrypt each).
   */
  async signIn(
    input: { email: string; password: string; companyId?: number; deviceName?: string; app?: DeviceApp },
    clientAddress: string,
  ): Promise<PasswordSignInResult> {
    const { store, devices, db } = this.ctx;
    const email = normalizeEmail(input.email);
    const key = emailKey(email, input.companyId);
    const attempt = this.countTry(key, clientAddress);
    const candidates = store.byEmail(email, input.companyId);
    const matched = await firstMatch(candidates, input.password, this.ctx);
    if (!matched) throw this.wrongPassword(key, candidates, clientAddress);
    this.forgetTry(attempt);

    const app = input.app ?? 'desktop';
    const outcome = db
      .transaction((): SignInResult | ProvisioningError => {
        const person = devices.personById(matched.personId);
        const refused = devices.devicePolicyRefusal(person, app);
        if (refused) return refused;
        store.clearFailures(matched.id);
        return devices.issue(person, person.mobile, input.deviceName ?? null, app, clientAddress, this.ctx.clock.now());
      })
      .immediate();
    if (outcome instanceof ProvisioningError) throw outcome;
    await devices.afterSignIn(outcome, app);
    await this.rehashIfOutdated(matched, input.password);
    return {
      ...outcome,
      mustChangePassword: matched.mustChange,
      account: { email: matched.email, role: matched.role, teams: store.teamsOf(matched.id) },
    };
  }

  /**
   * Current and new password, from a device signed in with this account. The account's other devices
   * are signed out as a second computer signs out the first (`replaced`): their tokens and SIP
   * passwords stop working. Returns the devices signed out.
   */
  async changePassword(
    deviceToken: string,
    input: { currentPassword: string; newPassword: string },
    clientAddress: string,
  ): Promise<{ signedOutDeviceIds: string[] }> {
    const { store, devices, audit } = this.ctx;
    const device = devices.byToken(deviceToken);
    const account = store.byPerson(device.personId);
    if (!account) throw new ProvisioningError('not-found', 'This device did not sign in with an e-mail and password');
    const key = emailKey(account.email, account.companyId);
    const attempt = this.countTry(key, clientAddress);
    if (!(await passwordMatches(input.currentPassword, account.password))) {
      throw this.wrongPassword(key, [account], clientAddress, 'The current password is not right.');
    }
    this.forgetTry(attempt);
    await this.setNewPassword(account, input.newPassword);
    const others = devices.activeDeviceIds(account.personId).filter((id) => id !== device.deviceId);
    for (const id of others) await devices.revoke(id, 'password-changed', clientAddress);
    audit.record('password-changed', { mobile: key.mobile, clientAddress, deviceId: device.deviceId });
    return { signedOutDeviceIds: others };
  }

  /**
   * A hash made with other scrypt parameters than today's (the default was raised) is made again from
   * the password just proven right; nothing else about the password changes.
   */
  private async rehashIfOutdated(account: AccountRow, password: string): Promise<void> {
    if (JSON.stringify(account.password.params) === JSON.stringify(this.ctx.scrypt)) return;
    this.ctx.store.rehash(account.id, await hashPassword(password, this.ctx.scrypt));
  }

  /** Refuses a password that breaks a rule, with every violation at once. */
  async checkNewPassword(account: AccountRow, password: string): Promise<void> {
    const recentlyUsed = await this.ctx.store.usedBefore(account.id, password);
    const violations = passwordViolations(password, { email: account.email, recentlyUsed });
    if (violations.length > 0) throw rulesRefusal(violations);
  }

  /** The rules, then the new hash; not a must-change password any more. */
  async setNewPassword(account: AccountRow, password: string): Promise<void> {
    await this.checkNewPassword(account, password);
    this.ctx.store.setPassword(account.id, await hashPassword(password, this.ctx.scrypt), false);
  }

  /**
   * The limits, then the try counted as a wrong password before the hash is checked: a burst of
   * concurrent guesses all pass a check made before any of them is counted, so each would cost the
   * server a 32 MiB hash past the limit. Forgotten again when the password was right.
   */
  private countTry(key: Account, clientAddress: string): number {
    const { limiter, db } = this.ctx;
    return db
      .transaction(() => {
        const { limits } = limiter;
        limiter.checkRate('wrong-password', { address: clientAddress }, limits.wrongCodesPerAddressPerHour, HOUR);
        limiter.checkLockout(key, this.ctx.clock.now());
        limiter.checkRate('wrong-password', key, limits.wrongCodesPerNumberPerDay, DAY);
        limiter.recordAttempt('wrong-password', key, clientAddress);
        return db.prepare(`SELECT last_insert_rowid()`).pluck().get() as number;
      })
      .immediate();
  }

  private forgetTry(attemptId: number): void {
    this.ctx.db.prepare(`DELETE FROM attempts WHERE id = ?`).run(attemptId);
  }

  /** Counted (by countTry) alike for a known and an unknown e-mail; the fifth within the lockout time locks it. */
  private wrongPassword(
    key: Account,
    candidates: AccountRow[],
    clientAddress: string,
    message = 'The e-mail address or the password is not right.',
  ): ProvisioningError {
    const { db, limiter, store, audit, clock, limits } = this.ctx;
    const lockoutMs = limiter.limits.lockoutSec * 1000;
    return db
      .transaction(() => {
        const now = clock.now();
        store.recordFailure(candidates.map((c) => c.id));
        audit.record('password-wrong', { mobile: key.mobile, clientAddress });
        const recent = db
          .prepare(
            `SELECT count(*) FROM attempts WHERE kind = 'wrong-password' AND mobile = ? AND company_id = ? AND at > ?`,
          )
          .pluck()
          .get(key.mobile, key.companyId, now - lockoutMs) as number;
        if (recent >= limits.wrongPasswordsBeforeLockout) {
          limiter.lock(key, now + lockoutMs);
          audit.record('email-locked', { mobile: key.mobile, clientAddress });
          return new ProvisioningError(
            'too-many-tries',
            `Too many wrong passwords. Try again in ${Math.ceil(lockoutMs / 60_000)} minutes.`,
            { retryAfterSec: lockoutMs / 1000 },
          );
        }
        return new ProvisioningError('wrong-password', message, {
          triesLeft: limits.wrongPasswordsBeforeLockout - recent,
        });
      })
      .immediate();
  }
}

async function firstMatch(candidates: AccountRow[], password: string, ctx: AccountContext): Promise<AccountRow | null> {
  if (candidates.length === 0) return dummyPasswordCheck(password, ctx.scrypt).then(() => null);
  for (const candidate of candidates) if (await passwordMatches(password, candidate.password)) return candidate;
  return null;
}
