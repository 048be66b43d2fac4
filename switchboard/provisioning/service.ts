import { Accounts, type AccountsOptions } from './accounts/accounts.ts';
import type { Clock } from './clock.ts';
import type { CodeCaller, CodeLanguage } from './code-caller.ts';
import type { ProvisioningDb } from './db.ts';
import {
  DeviceBook,
  type CompanySummary,
  type DesktopWithMobile,
  type DeviceRow,
  type DeviceStatus,
  type RevokedDevice,
  type SignedInDevice,
  type SignInResult,
  type SipEndpoint,
} from './devices.ts';
import { avatarOf, directoryPage, type Avatar, type DirectoryPage } from './directory-feed.ts';
import { ProvisioningError } from './problems.ts';
import { SignInAudit } from './sign-in-audit.ts';
import { SignInCodes } from './sign-in-codes.ts';
import { defaultLimits, SignInLimiter, type SignInLimits } from './sign-in-limits.ts';
import type { DeviceApp, SipAccountDirectory } from './sip-accounts.ts';

// The service's vocabulary, from the files that own it, for the modules and tests that import it from here.
export { ProvisioningError, type ProblemCode } from './problems.ts';
export { defaultLimits, type SignInLimits } from './sign-in-limits.ts';
export {
  revocationReasons,
  type CompanySummary,
  type DesktopWithMobile,
  type DeviceRow,
  type DeviceStatus,
  type RevocationReason,
  type RevokedDevice,
  type SignedInDevice,
  type SignInResult,
  type SipEndpoint,
} from './devices.ts';

export type ProvisioningServiceOptions = {
  db: ProvisioningDb;
  clock: Clock;
  caller: CodeCaller;
  accounts: SipAccountDirectory;
  sip: SipEndpoint;
  /** Secret key for the code HMAC, kept outside the database. */
  codePepper: Buffer;
  limits?: Partial<SignInLimits>;
  /** Contact-center accounts: the mailer, scrypt cost and account limits (accounts/accounts.ts). */
  accountOptions?: AccountsOptions;
};

/**
 * The provisioning service's one face for the HTTP API and the admin CLI: sign-in by phoned code
 * (sign-in-codes.ts, limits in sign-in-limits.ts), signed-in devices (devices.ts) and the
 * directory they may read (directory-feed.ts).
 */
export class ProvisioningService {
  readonly limits: SignInLimits;
  private readonly db: ProvisioningDb;
  private readonly devices: DeviceBook;
  private readonly codes: SignInCodes;
  /** E-mail and password accounts (issue 18), on the same devices and limits as the number sign-in. */
  readonly accounts: Accounts;

  constructor(options: ProvisioningServiceOptions) {
    this.db = options.db;
    this.limits = { ...defaultLimits, ...options.limits };
    const audit = new SignInAudit(options.db, options.clock);
    this.devices = new DeviceBook({ ...options, audit });
    const limiter = new SignInLimiter(options.db, options.clock, this.limits);
    this.codes = new SignInCodes({ ...options, devices: this.devices, limiter, audit });
    this.accounts = new Accounts(
      { db: options.db, clock: options.clock, devices: this.devices, limiter, audit, pepper: options.codePepper },
      options.accountOptions,
    );
  }

  /** The companies that registered this number. */
  lookup(mobileInput: string, clientAddress: string): { mobile: string; companies: CompanySummary[] } {
    return this.codes.lookup(mobileInput, clientAddress);
  }

  /** Phones the number with a new 4-digit code. */
  requestCode(
    input: { mobile: string; companyId: number; language: CodeLanguage; app?: DeviceApp },
    clientAddress: string,
  ): Promise<{ expiresInSec: number; resendAfterSec: number; triesAllowed: number }> {
    return this.codes.requestCode(input, clientAddress);
  }

  /** Checks the code; on success this device gets SIP credentials and the person's other device is revoked. */
  verify(
    input: { mobile: string; companyId: number; code: string; deviceName?: string; app?: DeviceApp },
    clientAddress: string,
  ): Promise<SignInResult> {
    return this.codes.verify(input, clientAddress);
  }

  /** The app signs itself out with the device token it got at sign-in. */
  signOut(deviceToken: string, clientAddress: string): Promise<void> {
    return this.devices.signOut(deviceToken, clientAddress);
  }

  /**
   * The app asks, with its device token, whether this device is still signed in; a revoked device
   * learns why (`replaced`: the person signed in on another computer; `admin`: force sign-out), so
   * it can say so instead of a bare "wrong password".
   */
  deviceStatus(deviceToken: string): DeviceStatus {
    return this.devices.status(deviceToken);
  }

  /**
   * The signed-in device behind a bearer token (directory, presence, callbacks); a revoked or unknown
   * token is refused, and so is an account's device until its first password is changed.
   */
  deviceByToken(deviceToken: string): { deviceId: string; personId: number; companyId: number } {
    const device = this.devices.byToken(deviceToken);
    // An account's first (or administrator-reset) password opens nothing but the change (issue 18: "forces").
    if (this.accounts.mustChangePassword(device.personId)) {
      throw new ProvisioningError('password-change-required', 'Choose your own password first.');
    }
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
    this.devices.onSignedIn(listener);
  }

  /** Tells `listener` of every device that stops being signed in (presence ends its streams). */
  onDeviceRevoked(listener: (revoked: RevokedDevice) => void): void {
    this.devices.onRevoked(listener);
  }

  /** Administrator: force sign-out. Returns false when the device was not active. */
  forceSignOut(deviceId: string): Promise<boolean> {
    return this.devices.revoke(deviceId, 'admin', 'admin');
  }

  /** Administrator: lift a number's lockout and forget its recent code calls so it may ask again at once. */
  resetLockout(mobileInput: string): void {
    this.codes.resetLockout(mobileInput);
  }

  /** Administrator: the company's rule for the desktop app and a mobile client at once. */
  setDesktopWithMobile(companyId: number, policy: DesktopWithMobile): boolean {
    return this.devices.setDesktopWithMobile(companyId, policy);
  }

  listDevices(options: { companyId?: number; includeRevoked?: boolean } = {}): DeviceRow[] {
    return this.devices.list(options);
  }
}
