import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { ProvisioningError, refusalOf } from '../problems.ts';
import { DAY, HOUR, probeKinds, type Account } from '../sign-in-limits.ts';
import { emailKey, type AccountContext } from './account-context.ts';
import type { AccountSignIn } from './account-sign-in.ts';
import { normalizeEmail, type MailLanguage } from './account-store.ts';
import { resetCodeMail } from './mail-texts.ts';
import { hashPassword } from './password-hash.ts';

type CodeRow = { id: number; code_hash: Buffer; created_at: number; expires_at: number; wrong_tries: number };

export type ForgotAnswer = { expiresInSec: number; resendAfterSec: number; triesAllowed: number };

/**
 * "Forgot password": a six-digit code by e-mail, valid 10 minutes, 5 wrong tries then a lockout.
 * Built like the number sign-in's code (sign-in-codes.ts): limits before existence, a decoy code
 * for an e-mail nobody registered (no mail, no six digits match it), the same answer either way.
 */
export class PasswordReset {
  private readonly ctx: AccountContext;
  private readonly signIn: AccountSignIn;

  constructor(ctx: AccountContext, signIn: AccountSignIn) {
    this.ctx = ctx;
    this.signIn = signIn;
  }

  /**
   * Always 202 with the same body. The mail is sent after the answer (not awaited): waiting for the
   * mail server would make a known e-mail's answer slower than an unknown one's. A failed send is
   * reported to the administrator's log (`onMailFailed`); the user asks again after the resend wait.
   */
  forgot(input: { email: string; companyId?: number; language?: MailLanguage }, clientAddress: string): ForgotAnswer {
    const { db, limiter, store, audit, clock, limits } = this.ctx;
    const email = normalizeEmail(input.email);
    const key = emailKey(email, input.companyId);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const planned = db
      .transaction((): { send: MailLanguage | null } | ProvisioningError => {
        const now = clock.now();
        const { limits: signIn } = limiter;
        limiter.checkRate(probeKinds, { address: clientAddress }, signIn.lookupsPerAddressPerHour, HOUR);
        limiter.checkRate('code-request', { address: clientAddress }, signIn.codeCallsPerAddressPerHour, HOUR);
        limiter.recordAttempt('code-request', key, clientAddress);
        const refused = refusalOf(() => this.checkIdentity(key, now));
        if (refused) return refused;
        limiter.recordAttempt('code-call', key, clientAddress);
        db.prepare(
          `UPDATE reset_codes SET state = 'superseded' WHERE email_key = ? AND company_id = ? AND state = 'open'`,
        ).run(key.mobile, key.companyId);
        const accounts = store.byEmail(email, input.companyId);
        const secret = accounts.length > 0 ? code : randomBytes(16).toString('hex');
        db.prepare(
          `INSERT INTO reset_codes (email_key, company_id, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
        ).run(key.mobile, key.companyId, this.hash(key, now, secret), now, now + limits.resetCodeTtlSec * 1000);
        audit.record('reset-code-requested', {
          mobile: key.mobile,
          clientAddress,
          ...(accounts.length > 0 ? {} : { detail: 'no account: nothing mailed' }),
        });
        return { send: accounts.length > 0 ? (input.language ?? accounts[0]!.language) : null };
      })
      .immediate();
    if (planned instanceof ProvisioningError) throw planned;
    if (planned.send) {
      const [account] = store.byEmail(email, input.companyId);
      const mail = resetCodeMail(planned.send, { code, minutes: Math.round(limits.resetCodeTtlSec / 60) });
      this.ctx.mailer
        .send({ companyId: account!.companyId, to: account!.email, ...mail })
        .catch((error: unknown) => this.ctx.onMailFailed(error, key.mobile));
    }
    return {
      expiresInSec: limits.resetCodeTtlSec,
      resendAfterSec: limits.resetResendAfterSec,
      triesAllowed: limiter.limits.triesPerCode,
    };
  }

  /**
   * The code and the new password: every account with this e-mail (in the company, when named) gets
   * the new password, and every device signed in with them is signed out. A password that breaks the
   * rules is refused without using up the code or a try.
   */
  async reset(
    input: { email: string; companyId?: number; code: string; newPassword: string },
    clientAddress: string,
  ): Promise<{ signedOutDeviceIds: string[] }> {
    const { db, limiter, store, devices, audit, clock } = this.ctx;
    const email = normalizeEmail(input.email);
    const key = emailKey(email, input.companyId);
    const checked = db
      .transaction((): number | ProvisioningError => {
        const now = clock.now();
        limiter.checkLockout(key, now);
        limiter.checkRate('wrong-code', { address: clientAddress }, limiter.limits.wrongCodesPerAddressPerHour, HOUR);
        limiter.checkRate('wrong-code', key, limiter.limits.wrongCodesPerNumberPerDay, DAY);
        const row = db
          .prepare(
            `SELECT id, code_hash, created_at, expires_at, wrong_tries FROM reset_codes
             WHERE email_key = ? AND company_id = ? AND state = 'open' ORDER BY created_at DESC LIMIT 1`,
          )
          .get(key.mobile, key.companyId) as CodeRow | undefined;
        if (!row) return new ProvisioningError('code-not-requested', 'Ask for a code first');
        if (now >= row.expires_at) {
          db.prepare(`UPDATE reset_codes SET state = 'burnt' WHERE id = ?`).run(row.id);
          return new ProvisioningError('code-expired', 'This code has expired. Ask for a new one.');
        }
        const typed = /^\d{6}$/.test(input.code) ? input.code : '';
        if (!timingSafeEqual(this.hash(key, row.created_at, typed), row.code_hash)) {
          return this.wrongCode(row, key, clientAddress, now);
        }
        return row.id;
      })
      .immediate();
    if (checked instanceof ProvisioningError) throw checked;

    const accounts = store.byEmail(email, input.companyId);
    // Rules first for all of them, so either every account gets the password or none does.
    for (const account of accounts) await this.signIn.checkNewPassword(account, input.newPassword);
    const hashed = await hashPassword(input.newPassword, this.ctx.scrypt);
    for (const account of accounts) store.setPassword(account.id, hashed, false);
    db.prepare(`UPDATE reset_codes SET state = 'used' WHERE id = ?`).run(checked);
    const signedOut: string[] = [];
    for (const account of accounts) {
      for (const id of devices.activeDeviceIds(account.personId)) {
        await devices.revoke(id, 'password-changed', clientAddress);
        signedOut.push(id);
      }
    }
    audit.record('password-reset', { mobile: key.mobile, clientAddress });
    return { signedOutDeviceIds: signedOut };
  }

  /** Lockout, the resend wait, and codes mailed per hour and per day to this e-mail. */
  private checkIdentity(key: Account, now: number): void {
    const { db, limiter, limits } = this.ctx;
    limiter.checkLockout(key, now);
    const last = db
      .prepare(`SELECT max(created_at) FROM reset_codes WHERE email_key = ? AND company_id = ?`)
      .pluck()
      .get(key.mobile, key.companyId) as number | null;
    const waitMs = limits.resetResendAfterSec * 1000;
    if (last !== null && now - last < waitMs) {
      const retryAfterSec = Math.ceil((last + waitMs - now) / 1000);
      throw new ProvisioningError('resend-too-early', `You can ask for another code in ${retryAfterSec} s`, {
        retryAfterSec,
      });
    }
    limiter.checkRate('code-call', key, limiter.limits.codeCallsPerNumberPerHour, HOUR);
    limiter.checkRate('code-call', key, limiter.limits.codeCallsPerNumberPerDay, DAY);
  }

  private wrongCode(row: CodeRow, key: Account, clientAddress: string, now: number): ProvisioningError {
    const { db, limiter, audit } = this.ctx;
    const { triesPerCode, lockoutSec } = limiter.limits;
    const wrongTries = row.wrong_tries + 1;
    limiter.recordAttempt('wrong-code', key, clientAddress);
    audit.record('reset-code-wrong', { mobile: key.mobile, clientAddress, detail: `try ${wrongTries}` });
    if (wrongTries >= triesPerCode) {
      db.prepare(`UPDATE reset_codes SET wrong_tries = ?, state = 'burnt' WHERE id = ?`).run(wrongTries, row.id);
      limiter.lock(key, now + lockoutSec * 1000);
      audit.record('email-locked', { mobile: key.mobile, clientAddress });
      return new ProvisioningError(
        'too-many-tries',
        `Too many wrong codes. Try again in ${Math.ceil(lockoutSec / 60)} minutes.`,
        { retryAfterSec: lockoutSec },
      );
    }
    db.prepare(`UPDATE reset_codes SET wrong_tries = ? WHERE id = ?`).run(wrongTries, row.id);
    const triesLeft = triesPerCode - wrongTries;
    return new ProvisioningError('code-wrong', `That code is not right. ${triesLeft} tries left.`, { triesLeft });
  }

  /** HMAC with a key outside the database: a stolen database alone does not reveal open codes. */
  private hash(key: Account, createdAt: number, code: string): Buffer {
    return createHmac('sha256', this.ctx.pepper).update(`${key.mobile}|${key.companyId}|${createdAt}|${code}`).digest();
  }
}
