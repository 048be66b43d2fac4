import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock.ts';
import type { CodeCaller, CodeLanguage } from './code-caller.ts';
import type { ProvisioningDb } from './db.ts';
import type { CompanySummary, DeviceBook, SignInResult } from './devices.ts';
import { parseE164 } from './e164.ts';
import { ProvisioningError, refusalOf } from './problems.ts';
import type { SignInAudit } from './sign-in-audit.ts';
import { DAY, HOUR, probeKinds, type Account, type SignInLimiter } from './sign-in-limits.ts';
import type { DeviceApp } from './sip-accounts.ts';

type CodeRow = { id: number; code_hash: Buffer; created_at: number; expires_at: number; wrong_tries: number };

export type SignInCodesOptions = {
  db: ProvisioningDb;
  clock: Clock;
  caller: CodeCaller;
  devices: DeviceBook;
  limiter: SignInLimiter;
  audit: SignInAudit;
  /** Secret key for the code HMAC, kept outside the database. */
  codePepper: Buffer;
};

/** The sign-in flow: which companies registered a number, the phoned code, and checking it. */
export class SignInCodes {
  private readonly db: ProvisioningDb;
  private readonly clock: Clock;
  private readonly caller: CodeCaller;
  private readonly devices: DeviceBook;
  private readonly limiter: SignInLimiter;
  private readonly audit: SignInAudit;
  private readonly pepper: Buffer;

  constructor(options: SignInCodesOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.caller = options.caller;
    this.devices = options.devices;
    this.limiter = options.limiter;
    this.audit = options.audit;
    this.pepper = options.codePepper;
  }

  private get limits() {
    return this.limiter.limits;
  }

  /**
   * The companies that registered this number: the one answer that tells, by design (the user picks
   * the company before the call), so it is the one the per-address probe budget is measured against.
   */
  lookup(mobileInput: string, clientAddress: string): { mobile: string; companies: CompanySummary[] } {
    const mobile = parseNumber(mobileInput);
    this.limiter.checkRate(probeKinds, { address: clientAddress }, this.limits.lookupsPerAddressPerHour, HOUR);
    this.limiter.recordAttempt('lookup', { mobile, companyId: null }, clientAddress);
    const companies = this.db
      .prepare(
        `SELECT DISTINCT c.id, c.name FROM people p JOIN companies c ON c.id = p.company_id
         WHERE p.mobile = ? ORDER BY c.name`,
      )
      .all(mobile) as CompanySummary[];
    if (companies.length === 0) {
      throw new ProvisioningError('number-not-registered', 'No company has registered this number');
    }
    return { mobile, companies };
  }

  /**
   * Phones the number with a new 4-digit code. Every limit is applied before the service looks at
   * whether the number is registered in that company, and a number that is not gets the same answer
   * and the same state (a decoy code nobody is phoned and no typed code matches), so this endpoint
   * tells no more than the lookup, and no faster (docs/security-sign-in.md, "How fast").
   */
  async requestCode(
    input: { mobile: string; companyId: number; language: CodeLanguage; app?: DeviceApp },
    clientAddress: string,
  ): Promise<{ expiresInSec: number; resendAfterSec: number; triesAllowed: number }> {
    const mobile = parseNumber(input.mobile);
    const now = this.clock.now();
    const code = String(randomInt(0, 10_000)).padStart(4, '0');
    // Checks and the insert run synchronously (no await): concurrent requests cannot both pass.
    const planned = this.db
      .transaction((): { codeId: number; call: boolean } | ProvisioningError => {
        // Per address first, and counted whatever the answer: a refusal below costs the asker too.
        const { limits } = this;
        const account = { mobile, companyId: input.companyId };
        this.limiter.checkRate(probeKinds, { address: clientAddress }, limits.lookupsPerAddressPerHour, HOUR);
        this.limiter.checkRate('code-request', { address: clientAddress }, limits.codeCallsPerAddressPerHour, HOUR);
        this.limiter.recordAttempt('code-request', account, clientAddress);
        // Per account: the counters and codes are kept for unregistered numbers too, so these answer alike.
        const refused = refusalOf(() => this.checkAccount(account, now));
        if (refused) return refused;
        const person = this.devices.personOrNull(mobile, input.companyId);
        // Refused before the phone rings: a code for a sign-in the company's policy would refuse is no use.
        const policy = person && this.devices.devicePolicyRefusal(person, input.app ?? 'desktop');
        if (policy) return policy;
        this.limiter.recordAttempt('code-call', account, clientAddress);
        // The company's previous code only: a decoy asked for in another company must not cancel a real one.
        this.db
          .prepare(`UPDATE codes SET state = 'superseded' WHERE mobile = ? AND company_id = ? AND state = 'open'`)
          .run(mobile, input.companyId);
        // A decoy is the MAC of 16 random bytes: no 4-digit code typed at verify can match it.
        const secret = person ? code : randomBytes(16).toString('hex');
        const id = this.db
          .prepare(`INSERT INTO codes (mobile, company_id, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`)
          .run(
            mobile,
            input.companyId,
            this.hashCode(mobile, now, secret),
            now,
            now + limits.codeTtlSec * 1000,
          ).lastInsertRowid;
        this.audit.record('code-requested', {
          mobile,
          clientAddress,
          ...(person ? {} : { detail: `not registered in company ${input.companyId}: nobody phoned` }),
        });
        return { codeId: Number(id), call: person !== null };
      })
      .immediate();
    // Errors are returned, not thrown, so the request counted above is committed.
    if (planned instanceof ProvisioningError) throw planned;

    if (planned.call) {
      try {
        await this.caller.call(mobile, code, input.language);
      } catch (error) {
        // A code nobody heard must not block "call me again"; the attempt still counts for the rate limits.
        this.db.prepare(`DELETE FROM codes WHERE id = ?`).run(planned.codeId);
        this.audit.record('code-call-failed', { mobile, clientAddress, detail: String(error) });
        throw new ProvisioningError('code-call-failed', 'We could not phone this number. Please try again.');
      }
    }
    return {
      expiresInSec: this.limits.codeTtlSec,
      resendAfterSec: this.limits.resendAfterSec,
      triesAllowed: this.limits.triesPerCode,
    };
  }

  /** The account's own limits: lockout, "call me again" wait, calls per hour and per day. */
  private checkAccount(account: Account, now: number): void {
    this.limiter.checkLockout(account, now);
    const last = this.db
      .prepare(`SELECT created_at FROM codes WHERE mobile = ? AND company_id = ? ORDER BY created_at DESC LIMIT 1`)
      .get(account.mobile, account.companyId) as { created_at: number } | undefined;
    if (last && now - last.created_at < this.limits.resendAfterSec * 1000) {
      const retryAfterSec = Math.ceil((last.created_at + this.limits.resendAfterSec * 1000 - now) / 1000);
      throw new ProvisioningError('resend-too-early', `You can ask for another call in ${retryAfterSec} s`, {
        retryAfterSec,
      });
    }
    this.limiter.checkRate('code-call', account, this.limits.codeCallsPerNumberPerHour, HOUR);
    this.limiter.checkRate('code-call', account, this.limits.codeCallsPerNumberPerDay, DAY);
  }

  /** Checks the code; on success this device gets SIP credentials and the person's other device is revoked. */
  async verify(
    input: { mobile: string; companyId: number; code: string; deviceName?: string; app?: DeviceApp },
    clientAddress: string,
  ): Promise<SignInResult> {
    const mobile = parseNumber(input.mobile);
    const now = this.clock.now();
    const app = input.app ?? 'desktop';
    const outcome = this.db
      .transaction((): SignInResult | ProvisioningError => {
        const account = { mobile, companyId: input.companyId };
        this.limiter.checkLockout(account, now);
        this.limiter.checkRate('wrong-code', { address: clientAddress }, this.limits.wrongCodesPerAddressPerHour, HOUR);
        // Caps guessing per account however many addresses the guesser has (lockouts alone allow ~480 tries a day).
        this.limiter.checkRate('wrong-code', account, this.limits.wrongCodesPerNumberPerDay, DAY);
        const row = this.db
          .prepare(
            `SELECT id, code_hash, created_at, expires_at, wrong_tries FROM codes
           WHERE mobile = ? AND company_id = ? AND state = 'open' ORDER BY created_at DESC LIMIT 1`,
          )
          .get(mobile, input.companyId) as CodeRow | undefined;
        if (!row) return new ProvisioningError('code-not-requested', 'Ask for a code first');
        if (now >= row.expires_at) {
          this.db.prepare(`UPDATE codes SET state = 'burnt' WHERE id = ?`).run(row.id);
          return new ProvisioningError('code-expired', 'This code has expired. Ask for a new call.');
        }
        const typed = /^\d{4}$/.test(input.code) ? input.code : '';
        const matches = timingSafeEqual(this.hashCode(mobile, row.created_at, typed), row.code_hash);
        if (!matches) return this.wrongCode(row, account, clientAddress, now);

        // Checked again here: the other app may have signed in since the code was phoned. The code stays open.
        const person = this.devices.findPerson(mobile, input.companyId);
        const refused = this.devices.devicePolicyRefusal(person, app);
        if (refused) return refused;
        this.db.prepare(`UPDATE codes SET state = 'used' WHERE id = ?`).run(row.id);
        return this.devices.issue(person, mobile, input.deviceName ?? null, app, clientAddress, now);
      })
      .immediate();
    // Errors are returned, not thrown, so the wrong-try count and lockout above are committed.
    if (outcome instanceof ProvisioningError) throw outcome;
    await this.devices.afterSignIn(outcome, app);
    return outcome;
  }

  /** Administrator: lift a number's lockout and forget its recent code calls so it may ask again at once. */
  resetLockout(mobileInput: string): void {
    const mobile = parseNumber(mobileInput);
    this.db.transaction(() => {
      this.limiter.forget(mobile);
      // Codes live 5 minutes; dropping them also lifts the 180 s resend wait. The audit log keeps the history.
      this.db.prepare(`DELETE FROM codes WHERE mobile = ?`).run(mobile);
      this.audit.record('lockout-reset', { mobile, clientAddress: 'admin' });
    })();
  }

  private wrongCode(row: CodeRow, account: Account, clientAddress: string, now: number): ProvisioningError {
    const { mobile } = account;
    const wrongTries = row.wrong_tries + 1;
    this.limiter.recordAttempt('wrong-code', account, clientAddress);
    this.audit.record('code-wrong', { mobile, clientAddress, detail: `try ${wrongTries}` });
    if (wrongTries >= this.limits.triesPerCode) {
      this.db.prepare(`UPDATE codes SET wrong_tries = ?, state = 'burnt' WHERE id = ?`).run(wrongTries, row.id);
      this.limiter.lock(account, now + this.limits.lockoutSec * 1000);
      this.audit.record('number-locked', { mobile, clientAddress });
      return new ProvisioningError(
        'too-many-tries',
        `Too many wrong codes. Try again in ${Math.ceil(this.limits.lockoutSec / 60)} minutes.`,
        { retryAfterSec: this.limits.lockoutSec },
      );
    }
    this.db.prepare(`UPDATE codes SET wrong_tries = ? WHERE id = ?`).run(wrongTries, row.id);
    const triesLeft = this.limits.triesPerCode - wrongTries;
    return new ProvisioningError('code-wrong', `That code is not right. ${triesLeft} tries left.`, { triesLeft });
  }

  /** HMAC with a key outside the database: a stolen database alone does not reveal open codes. */
  private hashCode(mobile: string, createdAt: number, code: string): Buffer {
    return createHmac('sha256', this.pepper).update(`${mobile}|${createdAt}|${code}`).digest();
  }
}

export function parseNumber(input: string): string {
  const mobile = parseE164(input);
  if (!mobile) {
    throw new ProvisioningError('invalid-number', 'Enter the mobile number with its country code, e.g. +86 138…');
  }
  return mobile;
}
