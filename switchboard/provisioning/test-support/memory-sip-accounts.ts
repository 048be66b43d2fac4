import type { DeviceApp, SipAccountDirectory } from '../sip-accounts.ts';

/** TEST DOUBLE: the switchboard's subscriber tables as Maps, plus a record of unregistrations. */
export class MemorySipAccounts implements SipAccountDirectory {
  /** The desktop app's accounts (Kamailio's `subscriber`). */
  readonly accounts = new Map<string, string>();
  /** The mobile clients' accounts (Kamailio's `mobile_subscriber`). */
  readonly mobileAccounts = new Map<string, string>();
  readonly unregistered: string[] = [];
  put(username: string, password: string, app: DeviceApp = 'desktop'): void {
    (app === 'mobile' ? this.mobileAccounts : this.accounts).set(username, password);
  }
  remove(username: string, app: DeviceApp = 'desktop'): void {
    (app === 'mobile' ? this.mobileAccounts : this.accounts).delete(username);
  }
  /** Which registrations were dropped: the username, with `:mobile` for the mobile client's. */
  async unregister(username: string, app?: DeviceApp): Promise<void> {
    this.unregistered.push(app === 'mobile' ? `${username}:mobile` : username);
  }
}
