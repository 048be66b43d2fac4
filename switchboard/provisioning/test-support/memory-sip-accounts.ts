import type { SipAccountDirectory } from '../sip-accounts.ts';

/** TEST DOUBLE: the switchboard's subscriber table as a Map, plus a record of unregistrations. */
export class MemorySipAccounts implements SipAccountDirectory {
  readonly accounts = new Map<string, string>();
  readonly unregistered: string[] = [];
  put(username: string, password: string): void {
    this.accounts.set(username, password);
  }
  remove(username: string): void {
    this.accounts.delete(username);
  }
  async unregister(username: string): Promise<void> {
    this.unregistered.push(username);
  }
}
