import { isIPv6 } from 'node:net';
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
  /** Code requests per client address, whatever they answered (they count towards the lookups' budget too). */
  codeCallsPerAddressPerHour: number;
  wrongCodesPerAddressPerHour: number;
  wrongCodesPerNumberPerDay: number;
  /** Lookups and code requests together per client address: the most numbers one address can learn about. */
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

/**
 * What `attempts` counts: `lookup` and `code-request` (every lookup and code request, per client
 * address, whatever it answered), `code-call` (a code phoned, or a decoy for a number nobody
 * registered, per number) and `wrong-code` (per number and per address). Accounts (accounts/) count
 * the same kinds for an e-mail (`mobile` holds `mail:` and the address) and `wrong-password`.
 */
export type AttemptKind = 'code-call' | 'code-request' | 'wrong-code' | 'lookup' | 'wrong-password';

/** The requests that could tell whether a number is registered: they share one budget per address. */
export const probeKinds: readonly AttemptKind[] = ['lookup', 'code-request'];

/** A person's sign-in in one company: the number with the company it is asked for in. */
export type Account = { mobile: string; companyId: number };

/** Whom a limit counts: a client address (`addressKey`), or an account. */
export type Counted = { address: string } | Account;

/**
 * The sliding-window counters (`attempts`) and lockouts (`lockouts`) behind the limits. Per-number
 * limits count the account (number and company), so requests made in the name of another company,
 * where the number is not registered, never block or lock the real one (their answers must look
 * the same as a real account's, so they are counted the same way, on their own account).
 */
export class SignInLimiter {
  readonly limits: SignInLimits;
  private readonly db: ProvisioningDb;
  private readonly clock: Clock;

  constructor(db: ProvisioningDb, clock: Clock, limits: SignInLimits) {
    this.db = db;
    this.clock = clock;
    this.limits = limits;
  }

  /** Sliding window: at most `limit` attempts of `kind` (or of all `kind`s) by `who` within `windowMs`. */
  checkRate(kind: AttemptKind | readonly AttemptKind[], who: Counted, limit: number, windowMs: number): void {
    const now = this.clock.now();
    const kinds = typeof kind === 'string' ? [kind] : kind;
    const [where, values] =
      'address' in who
        ? ['client_address = ?', [addressKey(who.address)]]
        : ['mobile = ? AND company_id = ?', [who.mobile, who.companyId]];
    const oldestCounted = this.db
      .prepare(
        `SELECT at FROM attempts WHERE kind IN (${kinds.map(() => '?').join(', ')}) AND ${where} AND at > ?
         ORDER BY at DESC LIMIT 1 OFFSET ?`,
      )
      .pluck()
      .get(...kinds, ...values, now - windowMs, limit - 1) as number | undefined;
    if (oldestCounted !== undefined) {
      const retryAfterSec = Math.max(1, Math.ceil((oldestCounted + windowMs - now) / 1000));
      const from =
        'address' in who ? 'your network address' : isEmailKey(who.mobile) ? 'this e-mail address' : 'this number';
      throw new ProvisioningError('rate-limited', `Too many requests from ${from}. Try again in ${retryAfterSec} s.`, {
        retryAfterSec,
      });
    }
  }

  /** Counts one attempt for the account (a lookup names no company) and for the client address. */
  recordAttempt(kind: AttemptKind, account: { mobile: string; companyId: number | null }, clientAddress: string): void {
    const now = this.clock.now();
    // Nothing older than the longest window (a day) is ever counted again; the audit log keeps the history.
    // Codes (and decoys) live minutes; a day-old one matters to nothing either.
    this.db.prepare(`DELETE FROM attempts WHERE at <= ?`).run(now - DAY);
    this.db.prepare(`DELETE FROM codes WHERE created_at <= ?`).run(now - DAY);
    this.db
      .prepare(`INSERT INTO attempts (kind, mobile, company_id, client_address, at) VALUES (?, ?, ?, ?, ?)`)
      .run(kind, account.mobile, account.companyId, addressKey(clientAddress), now);
  }

  checkLockout(account: Account, now: number): void {
    const lock = this.db
      .prepare(`SELECT locked_until FROM lockouts WHERE mobile = ? AND company_id = ?`)
      .get(account.mobile, account.companyId) as { locked_until: number } | undefined;
    if (lock && lock.locked_until > now) {
      const retryAfterSec = Math.ceil((lock.locked_until - now) / 1000);
      throw new ProvisioningError(
        'too-many-tries',
        `Too many wrong ${isEmailKey(account.mobile) ? 'tries for this e-mail address' : 'codes for this number'}. ` +
          `Try again in ${Math.ceil(retryAfterSec / 60)} minutes.`,
        { retryAfterSec },
      );
    }
  }

  lock(account: Account, until: number): void {
    this.db
      .prepare(
        `INSERT INTO lockouts (mobile, company_id, locked_until, reason) VALUES (?, ?, ?, 'too-many-tries')
         ON CONFLICT (mobile, company_id) DO UPDATE SET locked_until = excluded.locked_until, reason = excluded.reason`,
      )
      .run(account.mobile, account.companyId, until);
  }

  /** Administrator: lift a number's lockouts (in every company) and forget its recent code calls. */
  forget(mobile: string): void {
    this.db.prepare(`DELETE FROM lockouts WHERE mobile = ?`).run(mobile);
    this.db.prepare(`DELETE FROM attempts WHERE mobile = ? AND kind = 'code-call'`).run(mobile);
  }
}

/** An account's limits keyed by e-mail (accounts/): `mail:` and the lower-cased address. */
const isEmailKey = (key: string) => key.startsWith('mail:');

/**
 * Who a per-address limit counts: an IPv4 address (also written IPv4-mapped, `::ffff:a.b.c.d`) as
 * itself, an IPv6 address by its /64, the smallest block a subscriber is given, inside which a host
 * may take any of 2^64 addresses at will. Anything else (a test's label) as it is.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  const bare = address.replace(/%.*$/, '');
  if (!isIPv6(bare)) return address;
  const [head = '', tail] = bare.split('::');
  const groups = (part: string) =>
    part === '' ? [] : part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g]));
  const left = groups(head);
  const all =
    tail === undefined
      ? left
      : [...left, ...Array<string>(8 - left.length - groups(tail).length).fill('0'), ...groups(tail)];
  return `${all
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
