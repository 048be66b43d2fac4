import { createHash, createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock.ts';
import { avatarOf, directoryPage, type Avatar, type DirectoryPage } from './directory-feed.ts';
import type { CodeCaller, CodeLanguage } from './code-caller.ts';
import type { ProvisioningDb } from './db.ts';
import { parseE164 } from './e164.ts';
import type { DeviceApp, SipAccountDirectory } from './sip-accounts.ts';

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

export type ProblemCode =
  | 'invalid-request'
  | 'invalid-number'
  | 'number-not-registered'
  | 'code-not-requested'
  | 'code-wrong'
  | 'code-expired'
  | 'too-many-tries'
  | 'rate-limited'
  | 'resend-too-early'
  | 'code-call-failed'
  | 'device-unknown'
  | 'other-device-active'
  | 'not-found'
  | 'not-in-mobile-mode'
  | 'offline';

const statusOf: Record<ProblemCode, number> = {
  'invalid-request': 400,
  'invalid-number': 400,
  'number-not-registered': 404,
  'code-not-requested': 409,
  'code-wrong': 401,
  'code-expired': 410,
  'too-many-tries': 429,
  'rate-limited': 429,
  'resend-too-early': 429,
  'code-call-failed': 502,
  'device-unknown': 401,
  'other-device-active': 409,
  'not-found': 404,
  'not-in-mobile-mode': 409,
  offline: 403,
};

/** A failure the client can act on; `code` is the machine-readable problem type. */
export class ProvisioningError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly triesLeft: number | undefined;
  readonly retryAfterSec: number | undefined;
  /** With `other-device-active`: which app is signed in already. */
  readonly activeApp: DeviceApp | undefined;
  constructor(
    code: ProblemCode,
    message: string,
    extra: { triesLeft?: number; retryAfterSec?: number; activeApp?: DeviceApp } = {},
  ) {
    super(message);
    this.name = 'ProvisioningError';
    this.code = code;
    this.status = statusOf[code];
    this.triesLeft = extra.triesLeft;
    this.retryAfterSec = extra.retryAfterSec;
    this.activeApp = extra.activeApp;
  }
}

export type SipEndpoint = { domain: string; wsUrl: string };

/** A device that stopped being signed in (sign-out, force sign-out, replaced by a new sign-in). */
export type RevokedDevice = { deviceId: string; personId: number; reason: RevocationReason };
export type SignedInDevice = { deviceId: string; personId: number };

export type ProvisioningServiceOptions = {
  db: ProvisioningDb;
  clock: Clock;
  caller: CodeCaller;
  accounts: SipAccountDirectory;
  sip: SipEndpoint;
  /** Secret key for the code HMAC, kept outside the database. */
  codePepper: Buffer;
  limits?: Partial<SignInLimits>;
};

export type CompanySummary = { id: number; name: string };

export type SignInResult = {
  device: { id: string; token: string };
  sip: { username: string; password: string; domain: string; wsUrl: string; displayName: string };
  person: {
    name: string;
    extension: string;
    email: string | null;
    department: string | null;
    company: CompanySummary;
    callPermission: string;
    avatarUrl: string | null;
  };
  /** Devices of this person that were signed out by this sign-in (the "first PC"). */
  replacedDeviceIds: string[];
};

/** Why a device stopped being signed in. */
export const revocationReasons = ['replaced', 'admin', 'signed-out'] as const;
export type RevocationReason = (typeof revocationReasons)[number];

export type DeviceStatus =
  { deviceId: string; active: true } | { deviceId: string; active: false; revokedReason: RevocationReason };

export type DeviceRow = {
  id: string;
  personName: string;
  extension: string;
  mobile: string;
  companyId: number;
  name: string | null;
  app: DeviceApp;
  clientAddress: string;
  createdAt: number;
  revokedAt: number | null;
  revokedReason: string | null;
};

/** A company's rule for a person signed in on the desktop app and a mobile client at once. */
export type DesktopWithMobile = 'allowed' | 'not-allowed';

type PersonRow = {
  id: number;
  name: string;
  extension: string;
  email: string | null;
  call_permission: string;
  avatar_url: string | null;
  department: string | null;
  company_id: number;
  company_name: string;
  desktop_with_mobile: DesktopWithMobile;
};

type CodeRow = { id: number; code_hash: Buffer; created_at: number; expires_at: number; wrong_tries: number };

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export class ProvisioningService {
  private readonly db: ProvisioningDb;
  private readonly clock: Clock;
  private readonly caller: CodeCaller;
  private readonly accounts: SipAccountDirectory;
  private readonly sip: SipEndpoint;
  private readonly pepper: Buffer;
  readonly limits: SignInLimits;
  private readonly revokedListeners: ((revoked: RevokedDevice) => void)[] = [];
  private readonly signedInListeners: ((signedIn: SignedInDevice) => void)[] = [];

  constructor(options: ProvisioningServiceOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.caller = options.caller;
    this.accounts = options.accounts;
    this.sip = options.sip;
    this.pepper = options.codePepper;
    this.limits = { ...defaultLimits, ...options.limits };
  }

  /** The companies that registered this number. */
  lookup(mobileInput: string, clientAddress: string): { mobile: string; companies: CompanySummary[] } {
    const mobile = this.parseNumber(mobileInput);
    this.checkRate('lookup', 'client_address', clientAddress, this.limits.lookupsPerAddressPerHour, HOUR);
    this.recordAttempt('lookup', mobile, clientAddress);
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

  /** Phones the number with a new 4-digit code. */
  async requestCode(
    input: { mobile: string; companyId: number; language: CodeLanguage; app?: DeviceApp },
    clientAddress: string,
  ): Promise<{ expiresInSec: number; resendAfterSec: number; triesAllowed: number }> {
    const mobile = this.parseNumber(input.mobile);
    const now = this.clock.now();
    const code = String(randomInt(0, 10_000)).padStart(4, '0');
    // Checks and the insert run synchronously (no await): concurrent requests cannot both pass.
    const codeId = this.db
      .transaction(() => {
        // Refused before the phone rings: a code for a sign-in the company's policy would refuse is no use.
        this.checkDevicePolicy(this.findPerson(mobile, input.companyId), input.app ?? 'desktop');
        this.checkLockout(mobile, now);
        const last = this.db
          .prepare(`SELECT created_at FROM codes WHERE mobile = ? ORDER BY created_at DESC LIMIT 1`)
          .get(mobile) as { created_at: number } | undefined;
        if (last && now - last.created_at < this.limits.resendAfterSec * 1000) {
          const retryAfterSec = Math.ceil((last.created_at + this.limits.resendAfterSec * 1000 - now) / 1000);
          throw new ProvisioningError('resend-too-early', `You can ask for another call in ${retryAfterSec} s`, {
            retryAfterSec,
          });
        }
        this.checkRate('code-call', 'mobile', mobile, this.limits.codeCallsPerNumberPerHour, HOUR);
        this.checkRate('code-call', 'mobile', mobile, this.limits.codeCallsPerNumberPerDay, DAY);
        this.checkRate('code-call', 'client_address', clientAddress, this.limits.codeCallsPerAddressPerHour, HOUR);
        this.recordAttempt('code-call', mobile, clientAddress);
        this.db.prepare(`UPDATE codes SET state = 'superseded' WHERE mobile = ? AND state = 'open'`).run(mobile);
        const id = this.db
          .prepare(`INSERT INTO codes (mobile, company_id, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`)
          .run(
            mobile,
            input.companyId,
            this.hashCode(mobile, now, code),
            now,
            now + this.limits.codeTtlSec * 1000,
          ).lastInsertRowid;
        this.audit('code-requested', { mobile, clientAddress });
        return Number(id);
      })
      .immediate();

    try {
      await this.caller.call(mobile, code, input.language);
    } catch (error) {
      // A code nobody heard must not block "call me again"; the attempt still counts for the rate limits.
      this.db.prepare(`DELETE FROM codes WHERE id = ?`).run(codeId);
      this.audit('code-call-failed', { mobile, clientAddress, detail: String(error) });
      throw new ProvisioningError('code-call-failed', 'We could not phone this number. Please try again.');
    }
    return {
      expiresInSec: this.limits.codeTtlSec,
      resendAfterSec: this.limits.resendAfterSec,
      triesAllowed: this.limits.triesPerCode,
    };
  }

  /** Checks the code; on success this device gets SIP credentials and the person's other device is revoked. */
  async verify(
    input: { mobile: string; companyId: number; code: string; deviceName?: string; app?: DeviceApp },
    clientAddress: string,
  ): Promise<SignInResult> {
    const mobile = this.parseNumber(input.mobile);
    const now = this.clock.now();
    const outcome = this.db
      .transaction((): SignInResult | ProvisioningError => {
        this.checkLockout(mobile, now);
        this.checkRate('wrong-code', 'client_address', clientAddress, this.limits.wrongCodesPerAddressPerHour, HOUR);
        // Caps guessing per number however many addresses the guesser has (lockouts alone allow ~480 tries a day).
        this.checkRate('wrong-code', 'mobile', mobile, this.limits.wrongCodesPerNumberPerDay, DAY);
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
        if (!matches) return this.wrongCode(row, mobile, clientAddress, now);

        const app = input.app ?? 'desktop';
        // Checked again here: the other app may have signed in since the code was phoned. The code stays open.
        const refused = this.devicePolicyRefusal(this.findPerson(mobile, input.companyId), app);
        if (refused) return refused;
        this.db.prepare(`UPDATE codes SET state = 'used' WHERE id = ?`).run(row.id);
        return this.issueDevice(mobile, input.companyId, input.deviceName ?? null, app, clientAddress, now);
      })
      .immediate();
    // Errors are returned, not thrown, so the wrong-try count and lockout above are committed.
    if (outcome instanceof ProvisioningError) throw outcome;
    for (const deviceId of outcome.replacedDeviceIds) {
      const personId = this.db.prepare(`SELECT person_id FROM devices WHERE id = ?`).pluck().get(deviceId) as number;
      this.tellRevoked({ deviceId, personId, reason: 'replaced' });
    }
    if (outcome.replacedDeviceIds.length > 0)
      await this.dropRegistrations(outcome.sip.username, input.app ?? 'desktop');
    const personId = this.db
      .prepare(`SELECT person_id FROM devices WHERE id = ?`)
      .pluck()
      .get(outcome.device.id) as number;
    this.tellListeners(this.signedInListeners, { deviceId: outcome.device.id, personId }, 'device-signed-in');
    return outcome;
  }

  /** The app signs itself out with the device token it got at sign-in. */
  async signOut(deviceToken: string, clientAddress: string): Promise<void> {
    const device = this.db
      .prepare(`SELECT id FROM devices WHERE token_hash = ? AND revoked_at IS NULL`)
      .get(sha256(deviceToken)) as { id: string } | undefined;
    if (!device) throw new ProvisioningError('device-unknown', 'This device is not signed in');
    await this.revokeDevice(device.id, 'signed-out', clientAddress);
  }

  /**
   * The app asks, with its device token, whether this device is still signed in; a revoked device
   * learns why (`replaced`: the person signed in on another computer; `admin`: force sign-out), so
   * it can say so instead of a bare "wrong password".
   */
  deviceStatus(deviceToken: string): DeviceStatus {
    const device = this.db
      .prepare(`SELECT id, revoked_reason FROM devices WHERE token_hash = ?`)
      .get(sha256(deviceToken)) as { id: string; revoked_reason: string | null } | undefined;
    if (!device) throw new ProvisioningError('device-unknown', 'This device is not signed in');
    if (device.revoked_reason === null) return { deviceId: device.id, active: true };
    const reason = revocationReasons.find((known) => known === device.revoked_reason) ?? 'admin';
    return { deviceId: device.id, active: false, revokedReason: reason };
  }

  /** The signed-in device behind a bearer token (directory requests); a revoked or unknown token is refused. */
  deviceByToken(deviceToken: string): { deviceId: string; personId: number; companyId: number } {
    const device = this.db
      .prepare(
        `SELECT d.id AS deviceId, d.person_id AS personId, p.company_id AS companyId
         FROM devices d JOIN people p ON p.id = d.person_id WHERE d.token_hash = ? AND d.revoked_at IS NULL`,
      )
      .get(sha256(deviceToken)) as { deviceId: string; personId: number; companyId: number } | undefined;
    if (!device) throw new ProvisioningError('device-unknown', 'This device is not signed in');
    return device;
  }

  /** The directory's change feed for the device's company (see directory-feed.ts). */
  directoryPage(deviceToken: string, since: number, limit: number): DirectoryPage {
    return directoryPage(this.db, this.deviceByToken(deviceToken).companyId, since, limit);
  }

  avatar(deviceToken: string, personId: number): Avatar {
    const avatar = avatarOf(this.db, this.deviceByToken(deviceToken).companyId, personId);
    if (!avatar) throw new ProvisioningError('not-found', 'No such person in your company');
    return avatar;
  }

  /** Tells `listener` of every new sign-in (presence takes an Offline person back to Available). */
  onDeviceSignedIn(listener: (signedIn: SignedInDevice) => void): void {
    this.signedInListeners.push(listener);
  }

  /** Tells `listener` of every device that stops being signed in (presence ends its streams). */
  onDeviceRevoked(listener: (revoked: RevokedDevice) => void): void {
    this.revokedListeners.push(listener);
  }

  /** Administrator: force sign-out. Returns false when the device was not active. */
  async forceSignOut(deviceId: string): Promise<boolean> {
    return this.revokeDevice(deviceId, 'admin', 'admin');
  }

  /** Administrator: lift a number's lockout and forget its recent code calls so it may ask again at once. */
  resetLockout(mobileInput: string): void {
    const mobile = this.parseNumber(mobileInput);
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM lockouts WHERE mobile = ?`).run(mobile);
      this.db.prepare(`DELETE FROM attempts WHERE mobile = ? AND kind = 'code-call'`).run(mobile);
      // Codes live 5 minutes; dropping them also lifts the 180 s resend wait. The audit log keeps the history.
      this.db.prepare(`DELETE FROM codes WHERE mobile = ?`).run(mobile);
      this.audit('lockout-reset', { mobile, clientAddress: 'admin' });
    })();
  }

  /** Administrator: the company's rule for the desktop app and a mobile client at once. */
  setDesktopWithMobile(companyId: number, policy: DesktopWithMobile): boolean {
    const changed = this.db
      .prepare(`UPDATE companies SET desktop_with_mobile = ? WHERE id = ?`)
      .run(policy, companyId).changes;
    if (changed > 0)
      this.audit('policy-changed', { clientAddress: 'admin', detail: `company ${companyId}: ${policy}` });
    return changed > 0;
  }

  listDevices(options: { companyId?: number; includeRevoked?: boolean } = {}): DeviceRow[] {
    return this.db
      .prepare(
        `SELECT d.id, p.name AS personName, p.extension, p.mobile, p.company_id AS companyId, d.name, d.app,
                d.client_address AS clientAddress, d.created_at AS createdAt, d.revoked_at AS revokedAt,
                d.revoked_reason AS revokedReason
         FROM devices d JOIN people p ON p.id = d.person_id
         WHERE (? IS NULL OR p.company_id = ?) AND (? = 1 OR d.revoked_at IS NULL)
         ORDER BY d.created_at`,
      )
      .all(options.companyId ?? null, options.companyId ?? null, options.includeRevoked ? 1 : 0) as DeviceRow[];
  }

  private wrongCode(row: CodeRow, mobile: string, clientAddress: string, now: number): ProvisioningError {
    const wrongTries = row.wrong_tries + 1;
    this.recordAttempt('wrong-code', mobile, clientAddress);
    this.audit('code-wrong', { mobile, clientAddress, detail: `try ${wrongTries}` });
    if (wrongTries >= this.limits.triesPerCode) {
      this.db.prepare(`UPDATE codes SET wrong_tries = ?, state = 'burnt' WHERE id = ?`).run(wrongTries, row.id);
      const until = now + this.limits.lockoutSec * 1000;
      this.db
        .prepare(
          `INSERT INTO lockouts (mobile, locked_until, reason) VALUES (?, ?, 'too-many-tries')
           ON CONFLICT (mobile) DO UPDATE SET locked_until = excluded.locked_until, reason = excluded.reason`,
        )
        .run(mobile, until);
      this.audit('number-locked', { mobile, clientAddress });
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

  private issueDevice(
    mobile: string,
    companyId: number,
    deviceName: string | null,
    app: DeviceApp,
    clientAddress: string,
    now: number,
  ): SignInResult {
    const person = this.findPerson(mobile, companyId);
    // One device per person and app: a second PC replaces the first, a mobile client another mobile client.
    const replaced = this.db
      .prepare(`SELECT id FROM devices WHERE person_id = ? AND app = ? AND revoked_at IS NULL`)
      .pluck()
      .all(person.id, app) as string[];
    this.db
      .prepare(
        `UPDATE devices SET revoked_at = ?, revoked_reason = 'replaced'
         WHERE person_id = ? AND app = ? AND revoked_at IS NULL`,
      )
      .run(now, person.id, app);
    const deviceId = randomUUID();
    const token = randomBytes(32).toString('base64url');
    const password = randomBytes(24).toString('base64url');
    this.db
      .prepare(
        `INSERT INTO devices (id, person_id, name, app, sip_username, token_hash, client_address, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(deviceId, person.id, deviceName, app, person.extension, sha256(token), clientAddress, now);
    // Inside the transaction: if the switchboard cannot take the account, nobody is signed out or in.
    // A new password for the same SIP user makes the replaced device's next REGISTER fail with 401.
    this.accounts.put(person.extension, password, app);
    for (const id of replaced)
      this.audit('device-revoked', { mobile, clientAddress, deviceId: id, detail: 'replaced' });
    this.audit('signed-in', { mobile, clientAddress, deviceId });
    return {
      device: { id: deviceId, token },
      sip: {
        username: person.extension,
        password,
        domain: this.sip.domain,
        wsUrl: this.sip.wsUrl,
        displayName: person.name,
      },
      person: {
        name: person.name,
        extension: person.extension,
        email: person.email,
        department: person.department,
        company: { id: person.company_id, name: person.company_name },
        callPermission: person.call_permission,
        avatarUrl: person.avatar_url,
      },
      replacedDeviceIds: replaced,
    };
  }

  private async revokeDevice(deviceId: string, reason: 'signed-out' | 'admin', actor: string): Promise<boolean> {
    const revoked = this.db
      .transaction(() => {
        const device = this.db
          .prepare(
            `SELECT d.sip_username, d.app, d.person_id, p.mobile FROM devices d JOIN people p ON p.id = d.person_id
           WHERE d.id = ? AND d.revoked_at IS NULL`,
          )
          .get(deviceId) as { sip_username: string; app: DeviceApp; person_id: number; mobile: string } | undefined;
        if (!device) return null;
        this.db
          .prepare(`UPDATE devices SET revoked_at = ?, revoked_reason = ? WHERE id = ?`)
          .run(this.clock.now(), reason, deviceId);
        this.accounts.remove(device.sip_username, device.app);
        this.audit('device-revoked', { mobile: device.mobile, clientAddress: actor, deviceId, detail: reason });
        return device;
      })
      .immediate();
    if (revoked === null) return false;
    this.tellRevoked({ deviceId, personId: revoked.person_id, reason });
    await this.dropRegistrations(revoked.sip_username, revoked.app);
    return true;
  }

  /** The app's registrations only: the person's other app keeps its own and goes on ringing. */
  private async dropRegistrations(username: string, app: DeviceApp): Promise<void> {
    try {
      await this.accounts.unregister(username, app);
    } catch (error) {
      // The account is already gone or re-keyed; the registration then ends at its next refresh.
      this.audit('unregister-failed', { detail: `${username}: ${String(error)}` });
    }
  }

  private tellRevoked(revoked: RevokedDevice): void {
    this.tellListeners(this.revokedListeners, revoked, 'device-revoked');
  }

  /** A failing listener is logged: the sign-in or sign-out it hears about has happened either way. */
  private tellListeners<T>(listeners: ((event: T) => void)[], event: T, what: string): void {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(`provisioning: ${what} listener failed`, error);
      }
    }
  }

  private parseNumber(input: string): string {
    const mobile = parseE164(input);
    if (!mobile) {
      throw new ProvisioningError('invalid-number', 'Enter the mobile number with its country code, e.g. +86 138…');
    }
    return mobile;
  }

  private findPerson(mobile: string, companyId: number): PersonRow {
    const person = this.db
      .prepare(
        `SELECT p.id, p.name, p.extension, p.email, p.call_permission, p.avatar_url, d.name AS department,
                c.id AS company_id, c.name AS company_name, c.desktop_with_mobile
         FROM people p JOIN companies c ON c.id = p.company_id LEFT JOIN departments d ON d.id = p.department_id
         WHERE p.mobile = ? AND p.company_id = ?`,
      )
      .get(mobile, companyId) as PersonRow | undefined;
    if (!person) throw new ProvisioningError('number-not-registered', 'No company has registered this number');
    return person;
  }

  private checkDevicePolicy(person: PersonRow, app: DeviceApp): void {
    const refused = this.devicePolicyRefusal(person, app);
    if (refused) throw refused;
  }

  /**
   * The rule (docs/security-sign-in.md): where the company does not allow the desktop app and a mobile
   * client at once, signing in on one while the other is signed in is refused; the person signs out
   * there first (or an administrator signs that device out). Signing in again on the same app is fine.
   */
  private devicePolicyRefusal(person: PersonRow, app: DeviceApp): ProvisioningError | null {
    if (person.desktop_with_mobile === 'allowed') return null;
    const other: DeviceApp = app === 'desktop' ? 'mobile' : 'desktop';
    const active = this.db
      .prepare(`SELECT 1 FROM devices WHERE person_id = ? AND app = ? AND revoked_at IS NULL`)
      .get(person.id, other);
    if (!active) return null;
    return new ProvisioningError(
      'other-device-active',
      other === 'mobile'
        ? 'You are signed in on the mobile app, and your company allows one at a time. Sign out there first.'
        : 'You are signed in on the desktop app, and your company allows one at a time. Sign out there first.',
      { activeApp: other },
    );
  }

  private checkLockout(mobile: string, now: number): void {
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

  /** Sliding window: at most `limit` attempts of `kind` by this number/address within `windowMs`. */
  private checkRate(
    kind: 'code-call' | 'wrong-code' | 'lookup',
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

  private recordAttempt(kind: 'code-call' | 'wrong-code' | 'lookup', mobile: string, clientAddress: string): void {
    const now = this.clock.now();
    // Nothing older than the longest window (a day) is ever counted again; the audit log keeps the history.
    this.db.prepare(`DELETE FROM attempts WHERE at <= ?`).run(now - DAY);
    this.db
      .prepare(`INSERT INTO attempts (kind, mobile, client_address, at) VALUES (?, ?, ?, ?)`)
      .run(kind, mobile, clientAddress, now);
  }

  private audit(
    event: string,
    fields: { mobile?: string; clientAddress?: string; deviceId?: string; detail?: string },
  ): void {
    this.db
      .prepare(
        `INSERT INTO sign_in_audit (at, event, mobile, client_address, device_id, detail) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        this.clock.now(),
        event,
        fields.mobile ?? null,
        fields.clientAddress ?? null,
        fields.deviceId ?? null,
        fields.detail ?? null,
      );
  }

  /** HMAC with a key outside the database: a stolen database alone does not reveal open codes. */
  private hashCode(mobile: string, createdAt: number, code: string): Buffer {
    return createHmac('sha256', this.pepper).update(`${mobile}|${createdAt}|${code}`).digest();
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
