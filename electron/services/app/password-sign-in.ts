/**
 * Sign-in by e-mail and password (issue 18), beside the number sign-in: the provisioning service
 * checks the password and issues this computer the same device and SIP account a right code does.
 * A first (or administrator-reset) password opens nothing but its change: the issued account waits
 * here, in memory, until the new password is accepted, and only then signs in. Forgot password and
 * Change password go to the same service. Failures are results with a `code` the UI words.
 */
import { SavedAccountSchema, type SavedAccount } from '../../../src/shared/domain.ts';
import type { NumberSignInFailure } from '../../../src/shared/number-sign-in.ts';
import type { PasswordDone, PasswordSignInResult, ResetCodeRequest } from '../../../src/shared/password-sign-in.ts';
import type { Logger } from '../log/logger.ts';
import type { ProvisioningClient } from '../provisioning/client.ts';
import type { AppStateStore } from './app-state.ts';
import type { CurrentAccount } from './current-account.ts';
import type { CredentialsPort } from './ports.ts';
import type { Preferences } from './preferences.ts';
import type { SessionService } from './session.ts';

export type PasswordSignInDeps = {
  state: AppStateStore;
  session: SessionService;
  account: CurrentAccount;
  credentials: CredentialsPort;
  preferences: Preferences;
  provisioning: (baseUrl: string) => ProvisioningClient;
  log: Logger;
};

/** Signed in with a first password: the account to use once it is changed. */
type Pending = { account: SavedAccount; password: string; remember: boolean; client: ProvisioningClient };

export class PasswordSignIn {
  private readonly deps: PasswordSignInDeps;
  private pending: Pending | null = null;

  constructor(deps: PasswordSignInDeps) {
    this.deps = deps;
  }

  async signIn(email: string, password: string, remember: boolean): Promise<PasswordSignInResult> {
    this.pending = null;
    const ready = this.ready();
    if (!ready.ok) return ready;
    const answer = await ready.client.signInWithPassword(email, password);
    if (!answer.ok) {
      this.deps.log.info('password sign-in refused', { code: answer.code, traceId: answer.traceId ?? null });
      return answer;
    }
    const { sip, device } = answer.account;
    // What the service sent is checked like a typed-in account: a bad address must not reach the engine.
    const issued = SavedAccountSchema.safeParse({
      server: sip.wsUrl,
      user: sip.username,
      password: sip.password,
      domain: sip.domain,
      displayName: sip.displayName.slice(0, 64),
      provisioned: {
        serviceUrl: ready.baseUrl,
        deviceId: device.id,
        token: device.token,
        companyId: answer.companyId,
        mobile: '',
        email: answer.user.email,
      },
    });
    if (!issued.success) {
      const where = issued.error.issues[0]?.path.join('.') || 'account';
      this.deps.log.warn('provisioning service sent an unusable SIP account', { field: where });
      return { ok: false, code: 'failed', detail: `The provisioning service sent an unusable SIP account (${where})` };
    }
    const result = { ok: true as const, mustChangePassword: answer.mustChangePassword, account: answer.user };
    if (answer.mustChangePassword) {
      this.pending = { account: issued.data, password, remember, client: ready.client };
      return result;
    }
    await this.use(issued.data, remember);
    return result;
  }

  /** The forced change after a first password; on success the issued account signs in. */
  async changeFirstPassword(newPassword: string): Promise<PasswordDone> {
    const pending = this.pending;
    if (!pending?.account.provisioned) return { ok: false, code: 'device-unknown' };
    const answer = await pending.client.changePassword(
      pending.account.provisioned.token,
      pending.password,
      newPassword,
    );
    if (!answer.ok) return this.refused('first password change refused', answer);
    this.pending = null;
    await this.use(pending.account, pending.remember);
    return { ok: true };
  }

  /** Settings' Change password for the signed-in e-mail account. */
  async changePassword(currentPassword: string, newPassword: string): Promise<PasswordDone> {
    const device = this.deps.account.device();
    if (!device?.email) return { ok: false, code: 'device-unknown' };
    const answer = await this.deps
      .provisioning(device.serviceUrl)
      .changePassword(device.token, currentPassword, newPassword);
    if (!answer.ok) return this.refused('password change refused', answer);
    this.deps.log.info('password changed');
    return { ok: true };
  }

  async requestResetCode(email: string): Promise<ResetCodeRequest> {
    const ready = this.ready();
    if (!ready.ok) return ready;
    return ready.client.requestResetCode(email, this.deps.state.get().language);
  }

  async resetPassword(email: string, code: string, newPassword: string): Promise<PasswordDone> {
    const ready = this.ready();
    if (!ready.ok) return ready;
    const answer = await ready.client.resetPassword(email, code, newPassword);
    return answer.ok ? answer : this.refused('password reset refused', answer);
  }

  /** Remember me: kept for the next start once registered; otherwise nothing stays after Quit. */
  private async use(account: SavedAccount, remember: boolean): Promise<void> {
    if (!remember) this.deps.credentials.clear();
    await this.deps.session.signIn(account, { persist: remember, sayWhereKept: remember });
  }

  private refused(what: string, answer: NumberSignInFailure): NumberSignInFailure {
    this.deps.log.info(what, { code: answer.code, traceId: answer.traceId ?? null });
    return answer;
  }

  private ready(): { ok: true; client: ProvisioningClient; baseUrl: string } | NumberSignInFailure {
    const baseUrl = this.deps.preferences.provisioningUrl();
    if (!baseUrl) return { ok: false, code: 'not-configured' };
    return { ok: true, client: this.deps.provisioning(baseUrl), baseUrl };
  }
}
