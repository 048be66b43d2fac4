import type { Clock } from './clock.ts';
import type { ProvisioningDb } from './db.ts';
import { ProvisioningError } from './problems.ts';

/** Every limit of the sign-in flow in one place (docs/security-sign-in.md explains the numbers). */
export type SignInLimits = {
  codeTtlSec: number;
  resendAfterSec: number;
  triesPerCode: number;
  lockoutSec: number;
  codeCallsPerNumberPerHour: number;
  codeCallsPerNumberPerDay: number;
  codeCallsPerAddressPerHour: number;
  wrongCodesPerAddressPerHour: number;
  wrongCodesPerNumberPerDay: number;
  lookupsPerAddressPerHour: number;
};

export const defaultLimits: SignInLimits = {
  codeTtlSec: 300,
  resendAfterSec: 180,
  triesPerCode: 5,
  lockoutSec: 15 * 60,
  codeCallsPerNumberPerHour: 5,
  codeCallsPerNumberPerDay: 10,
  codeCallsPerAddressPerHour: 20,
  wrongCodesPerAddressPerHour: 30,
  wrongCodesPerNumberPerDay: 10,
  lookupsPerAddressPerHour: 60,
};

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export type AttemptKind = 'code-call' | 'wrong-code' | 'lookup';

/** The sliding-window counters (`attempts`) and lockouts (`lockouts`) behind the limits. */
export class SignInLimiter {
  readonly limits: SignInLimits;
  private readonly db: ProvisioningDb;
  private readonly clock: Clock;

  constructor(db: ProvisioningDb, clock: Clock, limits: SignInLimits) {
    this.db = db;
    this.clock = clock;
    this.limits = limits;
  }

  /** Sliding window: at most `limit` attempts of `kind` by this number/address within `windowMs`. */
  checkRate(
    kind: AttemptKind,
    column: 'mobile' | 'client_address',
    value: string,
    limit: number,
    windowMs: number,
  ): void {
    const now = this.clock.now();
    const oldestCounted = this.db
      .prepare(`SELECT at FROM attempts WHERE kind = ? AND ${column} = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?`)
      .pluck()
      .get(kind, value, now - windowMs, limit - 1) as number | undefined;
    if (oldestCounted !== undefined) {
      const retryAfterSec = Math.max(1, Math.ceil((oldestCounted + windowMs - now) / 1000));
      const who = column === 'mobile' ? 'this number' : 'your network address';
      throw new ProvisioningError('rate-limited', `Too many requests from ${who}. Try again in ${retryAfterSec} s.`, {
        retryAfterSec,
      });
    }
  }

  recordAttempt(kind: AttemptKind, mobile: string, clientAddress: string): void {
    const now = this.clock.now();
    // Nothing older than the longest window (a day) is ever counted again; the audit log keeps the history.
    this.db.prepare(`DELETE FROM attempts WHERE at <= ?`).run(now - DAY);
    this.db
      .prepare(`INSERT INTO attempts (kind, mobile, client_address, at) VALUES (?, ?, ?, ?)`)
      .run(kind, mobile, clientAddress, now);
  }

  checkLockout(mobile: string, now: number): void {
    const lock = this.db.prepare(`SELECT locked_until FROM lockouts WHERE mobile = ?`).get(mobile) as
      { locked_until: number } | undefined;
    if (lock && lock.locked_until > now) {
      const retryAfterSec = Math.ceil((lock.locked_until - now) / 1000);
      throw new ProvisioningError(
        'too-many-tries',
        `Too many wrong codes for this number. Try again in ${Math.ceil(retryAfterSec / 60)} minutes.`,
        { retryAfterSec },
      );
    }
  }

  lock(mobile: string, until: number): void {
    this.db
      .prepare(
        `INSERT INTO lockouts (mobile, locked_until, reason) VALUES (?, ?, 'too-many-tries')
         ON CONFLICT (mobile) DO UPDATE SET locked_until = excluded.locked_until, reason = excluded.reason`,
      )
      .run(mobile, until);
  }

  /** Administrator: lift a number's lockout and forget its recent code calls. */
  forget(mobile: string): void {
    this.db.prepare(`DELETE FROM lockouts WHERE mobile = ?`).run(mobile);
    this.db.prepare(`DELETE FROM attempts WHERE mobile = ? AND kind = 'code-call'`).run(mobile);
  }
}
