/**
 * Sign-in by e-mail and password (issue 18), beside the number sign-in: the provisioning service
 * checks the password and issues this computer the same device and SIP account a right code does.
 * A first (or administrator-reset) password opens nothing but its change: the issued account waits
 * here, in memory, until the new password is accepted. Then the station step: the service says where
 * calls ring now and whether a desk phone can; the user picks role, team and where calls ring, the
 * service is told, and only then does the account sign in. Forgot password and Change password go to
 * the same service. Failures are results with a `code` the UI words (and the service's trace id).
 */
import type { SavedAccount } from '../../../src/shared/domain.ts';
import type { NumberSignInFailure } from '../../../src/shared/number-sign-in.ts';
import type {
  ContactCenterAccount,
  FirstPasswordDone,
  PasswordDone,
  PasswordSignInResult,
  ResetCodeRequest,
  StationChoice,
  StationOptions,
} from '../../../src/shared/password-sign-in.ts';
import { checkStation, preselect, STATION_MEMORY_MAX } from '../../../src/shared/station.ts';
import type { Logger } from '../log/logger.ts';
import type { ProvisioningClient } from '../provisioning/client.ts';
import type { AppStateStore } from './app-state.ts';
import { issuedAccount } from './issued-account.ts';
import type { CurrentAccount } from './current-account.ts';
import type { CredentialsPort, SettingsPort } from './ports.ts';
import type { Preferences } from './preferences.ts';
import type { SessionService } from './session.ts';

export type PasswordSignInDeps = {
  state: AppStateStore;
  session: SessionService;
  account: CurrentAccount;
  credentials: CredentialsPort;
  preferences: Preferences;
  /** The station step's role and team per account. */
  settings: SettingsPort;
  provisioning: (baseUrl: string) => ProvisioningClient;
  log: Logger;
};

/**
 * Signed in, not yet in use: the account waits for its first password's change, then for the station
 * step (`station` is what the step was offered).
 */
type Pending = {
  account: SavedAccount;
  password: string;
  remember: boolean;
  client: ProvisioningClient;
  user: ContactCenterAccount;
  station: StationOptions | null;
};

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
    const issued = issuedAccount(
      answer.account,
      { serviceUrl: ready.baseUrl, companyId: answer.companyId, mobile: '', email: answer.user.email },
      this.deps.log,
    );
    if (!issued.ok) return issued;
    const pending: Pending = {
      account: issued.account,
      password,
      remember,
      client: ready.client,
      user: answer.user,
      station: null,
    };
    this.pending = pending;
    const result = { ok: true as const, mustChangePassword: answer.mustChangePassword, account: answer.user };
    if (answer.mustChangePassword) return { ...result, station: null };
    const station = await this.loadStation(pending);
    return station.ok ? { ...result, station: station.station } : station;
  }

  /** The forced change after a first password; on success the issued account signs in. */
  async changeFirstPassword(newPassword: string): Promise<FirstPasswordDone> {
    const pending = this.pending;
    if (!pending?.account.provisioned) return { ok: false, code: 'device-unknown' };
    const answer = await pending.client.changePassword(
      pending.account.provisioned.token,
      pending.password,
      newPassword,
    );
    if (!answer.ok) return this.refused('first password change refused', answer);
    pending.password = newPassword;
    return this.loadStation(pending);
  }

  /**
   * The station step's Submit: checked again here, the service told where calls ring, the role and team
   * remembered for this account, and then the account signs in.
   */
  async chooseStation(choice: StationChoice): Promise<PasswordDone> {
    const pending = this.pending;
    if (!pending?.station || !pending.account.provisioned) return { ok: false, code: 'device-unknown' };
    const checked = checkStation(pending.user, pending.station.deskPhone, choice);
    if (!checked.ok) return { ok: false, code: checked.problem === 'desk' ? 'no-desk-phone' : 'invalid-number' };
    const { ringTarget, ringNumber, role, team } = checked.choice;
    const answer = await pending.client.setRingTarget(
      pending.account.provisioned.token,
      ringTarget,
      ringTarget === 'number' ? (ringNumber ?? undefined) : undefined,
    );
    if (!answer.ok) return this.refused('station refused', answer);
    this.remember(pending.user.email, { role, team });
    this.pending = null;
    this.deps.log.info('station chosen', { ringTarget, role, team: team !== null });
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

  /** What the station step offers, from the service's view of this device (a refusal keeps its trace id). */
  private async loadStation(pending: Pending): Promise<{ ok: true; station: StationOptions } | NumberSignInFailure> {
    const answer = await pending.client.station(pending.account.provisioned!.token);
    if (!answer.ok) return this.refused('station could not be loaded', answer);
    const remembered = this.deps.settings.getSettings().stations?.[pending.user.email.toLowerCase()];
    pending.station = {
      account: pending.user,
      deskPhone: answer.deskPhone,
      chosen: preselect(pending.user, remembered, answer),
    };
    return { ok: true, station: pending.station };
  }

  /** The newest choice first; the oldest accounts are forgotten past the cap. */
  private remember(email: string, memory: { role: StationChoice['role']; team: string | null }): void {
    const key = email.toLowerCase();
    const others = Object.entries(this.deps.settings.getSettings().stations ?? {}).filter(([k]) => k !== key);
    const stations = Object.fromEntries([[key, memory], ...others.slice(0, STATION_MEMORY_MAX - 1)]);
    this.deps.settings.updateSettings({ stations });
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
