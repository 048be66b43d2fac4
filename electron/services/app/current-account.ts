/**
 * The account signed in now, password included, so it never goes into AppState. The session sets
 * it; the directory and the working status read the device a number sign-in issued from it.
 */
import type { ProvisionedDevice, SavedAccount } from '../../../src/shared/domain.ts';

export class CurrentAccount {
  private account: SavedAccount | null = null;

  get(): SavedAccount | null {
    return this.account;
  }

  set(account: SavedAccount | null): void {
    this.account = account;
  }

  /** The device a number sign-in issued to this computer; null for a SIP account or when signed out. */
  device(): ProvisionedDevice | null {
    return this.account?.provisioned ?? null;
  }
}
