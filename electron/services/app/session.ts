/**
 * Who is signed in, and the engine window that keeps them registered: sign-in (a typed SIP account
 * or the account a number sign-in issued), resume at start-up, Log out, a device revoked at the
 * provisioning service (another computer, the administrator), the engine window crashing, and what
 * the engine reports about the registration.
 */
import type { RegistrationState, SavedAccount, SipAccountInput } from '../../../src/shared/domain.ts';
import type { EngineAccount, EngineEventPayload } from '../../../src/shared/ipc/contract.ts';
import { DEFAULT_AUDIO_SETTINGS } from '../../../src/shared/audio.ts';
import { primaryServer } from '../../../src/shared/server-list.ts';
import type { DirectoryService } from '../directory/directory-service.ts';
import type { Logger } from '../log/logger.ts';
import type { ChatDeskService } from '../chat/chat-desk-service.ts';
import type { TeamDeskService } from '../team/team-desk-service.ts';
import type { AgentService } from '../presence/agent-service.ts';
import type { ProvisioningClient } from '../provisioning/client.ts';
import { UserFacingError } from '../user-facing-error.ts';
import type { AppStateStore } from './app-state.ts';
import type { CurrentAccount } from './current-account.ts';
import type { EngineLink } from './engine-link.ts';
import type { CredentialsPort, DiagnoseConnection } from './ports.ts';

export type SessionDeps = {
  state: AppStateStore;
  engine: EngineLink;
  account: CurrentAccount;
  credentials: CredentialsPort;
  agent: AgentService;
  /** The chat desk follows the status stream: started and forgotten with it. */
  chat: ChatDeskService;
  /** The supervisor's team view follows the status stream too (issue 19). */
  team?: TeamDeskService;
  directory: DirectoryService;
  /** The engine window crashed: its calls are over (see CallService.endAll). */
  endCalls: (reason: string) => void;
  provisioning: (baseUrl: string) => ProvisioningClient;
  diagnoseConnection?: DiagnoseConnection | undefined;
  /**
   * How often a number-signed-in device asks the service whether it is still signed in (default 30 s):
   * a revoked device's registration is dropped at once, but it only learns so from the service.
   */
  deviceCheckMs?: number | undefined;
  log: Logger;
};

export class SessionService {
  private readonly deps: SessionDeps;
  private readonly log: Logger;
  /** Saved only once the server accepts it: a mistyped password must not come back at the next start. */
  private saveWhenRegistered = false;
  /** "Remember me" was asked for: where the account went is shown, not only done. */
  private sayWhereKept = false;
  private deviceCheckTimer: ReturnType<typeof setInterval> | undefined;

  constructor(deps: SessionDeps) {
    this.deps = deps;
    this.log = deps.log;
  }

  /** At start-up: signs in again with the saved account, if there is one. */
  async resume(): Promise<void> {
    const { credentials, state } = this.deps;
    const saved = credentials.load();
    if (saved) return this.signIn(saved, { persist: false });
    const reason = credentials.lastLoadReason;
    if (reason && reason !== 'missing') {
      // A damaged or undecryptable file is not a reason to crash or loop: say so, and ask to sign in again.
      this.log.warn('saved account unreadable; asking to sign in again', { reason });
      state.update({ registration: { status: 'signed-out', error: 'account-lost', detail: reason } });
    }
  }

  async signIn(input: SavedAccount, options: { persist?: boolean; sayWhereKept?: boolean } = {}): Promise<void> {
    const { state, engine, agent } = this.deps;
    if (state.liveCalls().length > 0)
      throw new UserFacingError('busy-in-call', 'Finish the current call before changing account.');
    const account = engineAccount(input);
    this.deps.account.set(input);
    this.log.info('sign-in', {
      user: account.user,
      domain: account.domain,
      server: serverHosts(input.server),
      way: input.provisioned?.email ? 'e-mail' : input.provisioned ? 'mobile-number' : 'sip-account',
    });
    state.update({
      account: {
        server: account.server,
        user: account.user,
        domain: account.domain,
        displayName: account.displayName,
        ...(input.dtmfMode ? { dtmfMode: input.dtmfMode } : {}),
        ...(input.provisioned?.email ? { email: input.provisioned.email } : {}),
      },
      registration: { status: 'connecting' },
    });
    this.saveWhenRegistered = options.persist !== false;
    this.sayWhereKept = options.sayWhereKept === true;
    this.watchDevice();
    // Until registered: "connecting" for a number-signed-in account, "no status" for a SIP account.
    agent.prepare();
    await engine.open((reason) => this.engineGone(reason));
    engine.send('register', account);
    // Before any call can start, so the first call already uses the chosen devices.
    engine.send('audioSettings', state.get().audioSettings ?? DEFAULT_AUDIO_SETTINGS);
  }

  /** Log out: forgets the account here and, after a number sign-in, retires this device at the service. */
  async signOut(): Promise<void> {
    const refusal = this.deps.agent.leaveRefusal(this.liveCallCount());
    if (refusal) {
      throw new UserFacingError('leave-refused', `Log out is not possible now. ${refusal.message}`, refusal.reason);
    }
    // The switchboard hears we are Offline before the device is retired (best effort).
    await this.deps.agent.stop({ offline: true });
    const device = this.deps.account.device();
    this.dropAccount();
    this.deps.directory.forget();
    // Best effort: logging out must work offline too; the service also revokes on the next sign-in.
    if (device) await this.deps.provisioning(device.serviceUrl).signOut(device.token);
    await this.closeEngine();
    this.deps.state.update({ account: null, registration: { status: 'signed-out' } });
    this.log.info('signed out');
  }

  /** Why logging out or quitting is refused now (a call, after-call work), or null. */
  leaveRefusal(): string | null {
    return this.deps.agent.leaveRefusal(this.liveCallCount())?.message ?? null;
  }

  private liveCallCount(): number {
    return this.deps.state.get().calls.filter((c) => c.phase === 'connecting' || c.phase === 'connected').length;
  }

  /**
   * The machine woke up (Electron's powerMonitor; the browser host's tests call it directly):
   * the connection is likely dead without knowing it, so the engine reconnects and re-registers now.
   */
  systemResumed(): void {
    if (this.deps.account.get()) this.deps.engine.send('networkChanged', { reason: 'resume' });
  }

  /** The device a number sign-in issued to this computer (for the directory and status); null otherwise. */
  provisionedDevice() {
    return this.deps.account.device();
  }

  /**
   * Asks the service whether this number-signed-in device is still signed in; if it was revoked
   * (another computer, the administrator), stops registering, forgets the account and says why.
   * Offline or no answer: nothing changes. Returns whether the device was found revoked.
   */
  async checkDevice(): Promise<boolean> {
    const device = this.deps.account.device();
    if (!device) return false;
    const answer = await this.deps.provisioning(device.serviceUrl).deviceStatus(device.token);
    // The account may have changed while the service answered.
    if (!answer.ok || answer.state === 'active' || this.deps.account.device() !== device) return false;
    const error: RegistrationState['error'] =
      answer.reason === 'replaced'
        ? 'signed-in-elsewhere'
        : answer.reason === 'password-changed'
          ? 'password-changed'
          : answer.reason === 'admin'
            ? 'signed-out-by-admin'
            : undefined;
    this.log.warn('device revoked at the provisioning service', { reason: answer.reason ?? 'unknown' });
    this.dropAccount();
    await this.closeEngine();
    this.deps.state.update({ account: null, registration: { status: 'signed-out', ...(error ? { error } : {}) } });
    return true;
  }

  /** The engine's registration report, already validated against the contract. */
  async onRegistration(registration: EngineEventPayload<'registration'>): Promise<void> {
    const { account, state, agent, directory } = this.deps;
    const signedIn = account.get();
    if (!signedIn) return;
    // A refused number-signed-in device: revoked (say why) or a real problem (show it as usual).
    if (registration.error === 'auth-failed' && signedIn.provisioned && (await this.checkDevice())) return;
    if (account.get() !== signedIn) return;
    let shown: RegistrationState = registration;
    if (registration.error === 'server-unreachable' && this.deps.diagnoseConnection) {
      shown = (await this.deps.diagnoseConnection(primaryServer(signedIn.server))) ?? registration;
    }
    if (shown.status === 'registered' && this.saveWhenRegistered) {
      this.saveWhenRegistered = false;
      const saved = this.deps.credentials.save(signedIn);
      const summary = state.get().account;
      if (this.sayWhereKept && saved && summary) {
        const remembered = !saved.saved ? 'not-saved' : saved.keychain ? 'keychain' : 'weak';
        if (remembered !== 'keychain') this.log.warn('remember me: not kept in a keychain', { remembered });
        state.update({ account: { ...summary, remembered } });
      }
    }
    const before = state.get().registration;
    if (before.status !== shown.status || before.error !== shown.error)
      this.log.info('registration', {
        status: shown.status,
        ...(shown.error ? { error: shown.error, detail: shown.detail } : {}),
        server: serverHosts(signedIn.server),
      });
    const cameBack = shown.status === 'registered' && before.status !== 'registered';
    state.update({ registration: shown });
    if (!cameBack) return;
    // After sign-in and whenever the switchboard is reachable again: catch up with the directory.
    if (signedIn.provisioned) {
      directory.sync().catch((error: unknown) => this.log.error('directory sync failed', { err: error }));
      directory.start();
    }
    // Status and presence: the event stream for a number-signed-in device; a SIP account is told it has none.
    agent.start();
    this.deps.chat.start();
    this.deps.team?.start();
  }

  /** Quit: the registration ends with the engine window; the account stays saved for the next start. */
  async shutdown(): Promise<void> {
    // Quit: colleagues see us Offline and the switchboard stops ringing this computer.
    await this.deps.agent.stop({ offline: true });
    this.deps.chat.forget();
    this.deps.team?.forget();
    clearInterval(this.deviceCheckTimer);
    this.deviceCheckTimer = undefined;
    this.deps.directory.stop();
    await this.closeEngine();
  }

  /** The engine window crashed or was closed under us: calls are gone, sign in again. */
  private engineGone(reason: string): void {
    this.log.warn('engine window gone', { reason });
    this.deps.engine.lost();
    this.deps.endCalls(reason);
    const account = this.deps.account.get();
    if (!account) return;
    this.signIn(account, { persist: false }).catch((error: unknown) =>
      this.log.error('signing in again after the engine window was lost failed', { err: error }),
    );
  }

  /** First, so that what the engine reports while the rest happens is not taken for this account. */
  private dropAccount(): void {
    this.deps.account.set(null);
    this.watchDevice();
    this.deps.credentials.clear();
    this.deps.agent.forget();
    this.deps.chat.forget();
    this.deps.team?.forget();
  }

  private async closeEngine(): Promise<void> {
    if (!this.deps.engine.isOpen) return;
    this.deps.engine.send('unregister', {});
    await this.deps.engine.close();
  }

  /** Polls the device's state while a number-signed-in account is in use; stops otherwise. */
  private watchDevice(): void {
    const provisioned = this.deps.account.device() !== null;
    if (provisioned && !this.deviceCheckTimer) {
      this.deviceCheckTimer = setInterval(() => {
        this.checkDevice().catch((error: unknown) => this.log.error('device check failed', { err: error }));
      }, this.deps.deviceCheckMs ?? 30_000);
      this.deviceCheckTimer.unref?.();
    } else if (!provisioned && this.deviceCheckTimer) {
      clearInterval(this.deviceCheckTimer);
      this.deviceCheckTimer = undefined;
    }
  }
}

function engineAccount(input: SipAccountInput): EngineAccount {
  const host = new URL(primaryServer(input.server)).hostname;
  return {
    server: input.server,
    user: input.user,
    domain: input.domain || host,
    password: input.password,
    displayName: input.displayName || input.user,
    dtmfMode: input.dtmfMode ?? 'rfc4733',
  };
}

/** The switchboard addresses for the log: hosts and ports only (a URL could carry credentials). */
function serverHosts(server: string): string {
  return server
    .split(/\s+/)
    .filter(Boolean)
    .map((entry) => {
      try {
        return new URL(entry.split(';')[0]!).host;
      } catch {
        return '?';
      }
    })
    .join(' ');
}
