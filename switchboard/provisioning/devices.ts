import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from './clock.ts';
import type { ProvisioningDb } from './db.ts';
import { ProvisioningError } from './problems.ts';
import type { SignInAudit } from './sign-in-audit.ts';
import type { DeviceApp, SipAccountDirectory } from './sip-accounts.ts';

export type SipEndpoint = { domain: string; wsUrl: string };

export type CompanySummary = { id: number; name: string };

/** A device that stopped being signed in (sign-out, force sign-out, replaced by a new sign-in). */
export type RevokedDevice = { deviceId: string; personId: number; reason: RevocationReason };
export type SignedInDevice = { deviceId: string; personId: number };

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
/** `password-changed`: the account's password was changed or reset elsewhere (its other sign-ins end). */
export const revocationReasons = ['replaced', 'admin', 'signed-out', 'password-changed'] as const;
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

export type PersonRow = {
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

export type DeviceBookOptions = {
  db: ProvisioningDb;
  clock: Clock;
  accounts: SipAccountDirectory;
  sip: SipEndpoint;
  audit: SignInAudit;
};

/**
 * Signed-in devices: one per person and app, each with its own SIP password and bearer token
 * (stored as SHA-256). Issuing, revoking and asking about them, and telling listeners (presence).
 */
export class DeviceBook {
  private readonly db: ProvisioningDb;
  private readonly clock: Clock;
  private readonly accounts: SipAccountDirectory;
  private readonly sip: SipEndpoint;
  private readonly audit: SignInAudit;
  private readonly revokedListeners: ((revoked: RevokedDevice) => void)[] = [];
  private readonly signedInListeners: ((signedIn: SignedInDevice) => void)[] = [];

  constructor(options: DeviceBookOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.accounts = options.accounts;
    this.sip = options.sip;
    this.audit = options.audit;
  }

  /** The person with this mobile in this company, or `number-not-registered`. */
  findPerson(mobile: string, companyId: number): PersonRow {
    const person = this.personOrNull(mobile, companyId);
    if (!person) throw new ProvisioningError('number-not-registered', 'No company has registered this number');
    return person;
  }

  /** The person behind an e-mail account (accounts/): the same row a number sign-in finds. */
  personById(personId: number): PersonRow & { mobile: string } {
    const person = this.db
      .prepare(
        `SELECT p.id, p.name, p.extension, p.email, p.call_permission, p.avatar_url, d.name AS department,
                c.id AS company_id, c.name AS company_name, c.desktop_with_mobile, p.mobile
         FROM people p JOIN companies c ON c.id = p.company_id LEFT JOIN departments d ON d.id = p.department_id
         WHERE p.id = ?`,
      )
      .get(personId) as (PersonRow & { mobile: string }) | undefined;
    if (!person) throw new ProvisioningError('not-found', 'No such person');
    return person;
  }

  /** The active devices of a person (an account's sign-ins, ended by a password change or a kick). */
  activeDeviceIds(personId: number): string[] {
    return this.db
      .prepare(`SELECT id FROM devices WHERE person_id = ? AND revoked_at IS NULL ORDER BY created_at`)
      .pluck()
      .all(personId) as string[];
  }

  personOrNull(mobile: string, companyId: number): PersonRow | null {
    const person = this.db
      .prepare(
        `SELECT p.id, p.name, p.extension, p.email, p.call_permission, p.avatar_url, d.name AS department,
                c.id AS company_id, c.name AS company_name, c.desktop_with_mobile
         FROM people p JOIN companies c ON c.id = p.company_id LEFT JOIN departments d ON d.id = p.department_id
         WHERE p.mobile = ? AND p.company_id = ?`,
      )
      .get(mobile, companyId) as PersonRow | undefined;
    return person ?? null;
  }

  /**
   * The rule (docs/security-sign-in.md): where the company does not allow the desktop app and a mobile
   * client at once, signing in on one while the other is signed in is refused; the person signs out
   * there first (or an administrator signs that device out). Signing in again on the same app is fine.
   */
  devicePolicyRefusal(person: PersonRow, app: DeviceApp): ProvisioningError | null {
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

  /** Inside the caller's transaction: the new device, and the person's previous one on this app revoked. */
  issue(
    person: PersonRow,
    mobile: string,
    deviceName: string | null,
    app: DeviceApp,
    clientAddress: string,
    now: number,
  ): SignInResult {
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
      this.audit.record('device-revoked', { mobile, clientAddress, deviceId: id, detail: 'replaced' });
    this.audit.record('signed-in', { mobile, clientAddress, deviceId });
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

  /** After the sign-in's transaction: the replaced devices hear it and lose their registrations. */
  async afterSignIn(outcome: SignInResult, app: DeviceApp): Promise<void> {
    for (const deviceId of outcome.replacedDeviceIds) {
      this.tellRevoked({ deviceId, personId: this.personOfDevice(deviceId), reason: 'replaced' });
    }
    if (outcome.replacedDeviceIds.length > 0) await this.dropRegistrations(outcome.sip.username, app);
    const personId = this.personOfDevice(outcome.device.id);
    this.tellListeners(this.signedInListeners, { deviceId: outcome.device.id, personId }, 'device-signed-in');
  }

  /** The app signs itself out with the device token it got at sign-in. */
  async signOut(deviceToken: string, clientAddress: string): Promise<void> {
    const device = this.db
      .prepare(`SELECT id FROM devices WHERE token_hash = ? AND revoked_at IS NULL`)
      .get(sha256(deviceToken)) as { id: string } | undefined;
    if (!device) throw new ProvisioningError('device-unknown', 'This device is not signed in');
    await this.revoke(device.id, 'signed-out', clientAddress);
  }

  /** Whether this device is still signed in, and if not, why (`replaced`, `admin`, `signed-out`). */
  status(deviceToken: string): DeviceStatus {
    const device = this.db
      .prepare(`SELECT id, revoked_reason FROM devices WHERE token_hash = ?`)
      .get(sha256(deviceToken)) as { id: string; revoked_reason: string | null } | undefined;
    if (!device) throw new ProvisioningError('device-unknown', 'This device is not signed in');
    if (device.revoked_reason === null) return { deviceId: device.id, active: true };
    const reason = revocationReasons.find((known) => known === device.revoked_reason) ?? 'admin';
    return { deviceId: device.id, active: false, revokedReason: reason };
  }

  /** The signed-in device behind a bearer token; a revoked or unknown token is refused. */
  byToken(deviceToken: string): { deviceId: string; personId: number; companyId: number } {
    const device = this.db
      .prepare(
        `SELECT d.id AS deviceId, d.person_id AS personId, p.company_id AS companyId
         FROM devices d JOIN people p ON p.id = d.person_id WHERE d.token_hash = ? AND d.revoked_at IS NULL`,
      )
      .get(sha256(deviceToken)) as { deviceId: string; personId: number; companyId: number } | undefined;
    if (!device) throw new ProvisioningError('device-unknown', 'This device is not signed in');
    return device;
  }

  onSignedIn(listener: (signedIn: SignedInDevice) => void): void {
    this.signedInListeners.push(listener);
  }

  onRevoked(listener: (revoked: RevokedDevice) => void): void {
    this.revokedListeners.push(listener);
  }

  list(options: { companyId?: number; includeRevoked?: boolean } = {}): DeviceRow[] {
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

  /** Administrator: the company's rule for the desktop app and a mobile client at once. */
  setDesktopWithMobile(companyId: number, policy: DesktopWithMobile): boolean {
    const changed = this.db
      .prepare(`UPDATE companies SET desktop_with_mobile = ? WHERE id = ?`)
      .run(policy, companyId).changes;
    if (changed > 0)
      this.audit.record('policy-changed', { clientAddress: 'admin', detail: `company ${companyId}: ${policy}` });
    return changed > 0;
  }

  /** Revokes an active device; false when it was not active. */
  async revoke(deviceId: string, reason: RevocationReason, actor: string): Promise<boolean> {
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
        this.audit.record('device-revoked', { mobile: device.mobile, clientAddress: actor, deviceId, detail: reason });
        return device;
      })
      .immediate();
    if (revoked === null) return false;
    this.tellRevoked({ deviceId, personId: revoked.person_id, reason });
    await this.dropRegistrations(revoked.sip_username, revoked.app);
    return true;
  }

  private personOfDevice(deviceId: string): number {
    return this.db.prepare(`SELECT person_id FROM devices WHERE id = ?`).pluck().get(deviceId) as number;
  }

  /** The app's registrations only: the person's other app keeps its own and goes on ringing. */
  private async dropRegistrations(username: string, app: DeviceApp): Promise<void> {
    try {
      await this.accounts.unregister(username, app);
    } catch (error) {
      // The account is already gone or re-keyed; the registration then ends at its next refresh.
      this.audit.record('unregister-failed', { detail: `${username}: ${String(error)}` });
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
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
