import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { deleteSubscriber, upsertSubscriber, type SubscriberTable } from '../subscriber-db.ts';

/** Which app a device is: the desktop app, or a person's mobile client (same extension, own password). */
export type DeviceApp = 'desktop' | 'mobile';

/** Port: the SIP accounts Kamailio authenticates REGISTERs against, and its live registrations. */
export interface SipAccountDirectory {
  /**
   * Creates or replaces the extension's password for that app (a new password makes the app's older
   * password fail at once; the other app's password is separate and unaffected). Only its digest hashes
   * are kept: the caller hands the password to the device it made it for, and nobody can read it back.
   */
  put(username: string, password: string, app?: DeviceApp): void;
  /** Deletes the app's account: its next REGISTER (and any challenged request) fails. */
  remove(username: string, app?: DeviceApp): void;
  /**
   * Drops the user's current registrations now, instead of waiting for them to expire (best effort):
   * only that app's when `app` is given (the other app keeps ringing), else all of them.
   */
  unregister(username: string, app?: DeviceApp): Promise<void>;
}

const run = promisify(execFile);

/** Kamailio checks the desktop's table first, then the mobile client's (kamailio/kamailio.cfg, route REGISTRAR). */
const tableOf: Record<DeviceApp, SubscriberTable> = { desktop: 'subscriber', mobile: 'mobile_subscriber' };

/**
 * The reference switchboard: HA1 rows in Kamailio's db_sqlite `subscriber` table (auth_db reads it on
 * every REGISTER, no cache), and `kamcmd ul.rm location USER` over the ctl module's unix socket to
 * remove the registrations held in usrloc memory.
 */
export class KamailioSipAccounts implements SipAccountDirectory {
  private readonly options: { subscriberDbPath: string; domain: string; ctlSocket?: string };
  constructor(options: { subscriberDbPath: string; domain: string; ctlSocket?: string }) {
    this.options = options;
  }
  put(username: string, password: string, app: DeviceApp = 'desktop'): void {
    upsertSubscriber(
      this.options.subscriberDbPath,
      this.options.domain,
      { user: username, password, displayName: '' },
      tableOf[app],
    );
  }
  remove(username: string, app: DeviceApp = 'desktop'): void {
    deleteSubscriber(this.options.subscriberDbPath, this.options.domain, username, tableOf[app]);
  }
  async unregister(username: string, app?: DeviceApp): Promise<void> {
    if (!this.options.ctlSocket) return;
    try {
      if (app === undefined) {
        await this.kamcmd('ul.rm', 'location', `s:${username}`);
        return;
      }
      const { stdout } = await this.kamcmd('ul.lookup', 'location', `s:${username}`);
      for (const contact of parseContacts(stdout)) {
        const isMobile = (contact.cflags & MOBILE_CFLAG) !== 0;
        if (isMobile === (app === 'mobile')) {
          await this.kamcmd('ul.rm_contact', 'location', `s:${username}`, `s:${contact.address}`);
        }
      }
    } catch (error) {
      // "AOR not found" just means nothing was registered.
      const text = String((error as { stdout?: unknown }).stdout ?? '') + String((error as Error).message);
      if (!/not found/i.test(text)) throw error;
    }
  }

  private kamcmd(...args: string[]) {
    return run('kamcmd', ['-s', `unix:${this.options.ctlSocket}`, ...args], { timeout: 5000 });
  }
}

/** Kamailio's branch flag FLB_MOBILE (kamailio/kamailio.cfg), set on REGISTERs the mobile client's password authenticated. */
const MOBILE_CFLAG = 1 << 8;

/** The contacts in `kamcmd ul.lookup` output: each one's address and saved branch flags. */
export function parseContacts(output: string): { address: string; cflags: number }[] {
  const contacts: { address: string; cflags: number }[] = [];
  for (const block of output.split(/\bContact: \{/).slice(1)) {
    const address = /^\s*Address: (\S+)/m.exec(block)?.[1];
    const cflags = Number(/^\s*CFlags: (\d+)/m.exec(block)?.[1] ?? 0);
    if (address) contacts.push({ address, cflags });
  }
  return contacts;
}
