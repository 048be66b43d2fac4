/**
 * The app's core, run by Electron's main process and by the browser host alike.
 * It owns the engine window's life, the signed-in account, the state every UI
 * window renders, and the call log. Plain Node: no Electron import.
 */
import type {
  AppState,
  CallHistoryInfo,
  CallLogView,
  CallSnapshot,
  ExportFormat,
  HistoryRetention,
  LanguagePreference,
  RegistrationState,
  ProvisionedDevice,
  SavedAccount,
  SipAccountInput,
} from '../../../src/shared/domain.ts';
import type { EngineAccount, EngineEventPayload } from '../../../src/shared/ipc/contract.ts';
import { callControls, type CallControls } from '../../../src/shared/call-controls.ts';
import { splitDialString } from '../../../src/shared/dial-string.ts';
import { attendedTransferPair, callsToHold, switchPlan } from '../../../src/shared/multi-call.ts';
import { exportCallLog, type ExportResult } from '../call-log/export.ts';
import { resolveLanguage } from './language.ts';
import { parseMobileNumber } from '../../../src/shared/mobile-number.ts';
import { primaryServer } from '../../../src/shared/server-list.ts';
import { SavedAccountSchema } from '../../../src/shared/domain.ts';
import type {
  CodeRequestResult,
  LookupResult,
  NumberSignInFailure,
  VerifyResult,
} from '../../../src/shared/number-sign-in.ts';
import { ProvisioningClient } from '../provisioning/client.ts';
import {
  DEFAULT_AUDIO_SETTINGS,
  mergeAudioSettings,
  type AudioSettingsPatch,
  type AudioStatus,
} from '../../../src/shared/audio.ts';
import type { DirectoryStore } from '../directory/directory-store.ts';
import { DirectoryService, type PersonToCall } from '../directory/directory-service.ts';
import type {
  DirectoryDepartment,
  DirectoryPerson,
  DirectoryStatus,
  SearchHit,
} from '../../../src/shared/directory.ts';
import { AgentRefusedError, AgentService } from '../presence/agent-service.ts';
import type { ChosenStatus, GroupPresence, Presence, RingTarget } from '../../../src/shared/presence.ts';
import type {
  CallLogPort,
  CallLogQuery,
  ExportTarget,
  CredentialsPort,
  DiagnoseConnection,
  EngineWindow,
  SettingsPort,
  UiBroadcast,
} from './ports.ts';

export type AppCoreDeps = {
  engine: EngineWindow;
  ui: UiBroadcast;
  callLog: CallLogPort;
  settings: SettingsPort;
  credentials: CredentialsPort;
  systemLocale: () => string;
  diagnoseConnection?: DiagnoseConnection;
  now?: () => number;
  newId?: () => string;
  /** How long an ended call stays on screen ("Call ended 00:42"). */
  endedCallLingerMs?: number;
  heartbeatMs?: number;
  /** Where exports go (a save dialog in Electron, a directory in the browser host). */
  exportTarget?: ExportTarget;
  /** The window's missed-call badge (Electron: app.setBadgeCount). */
  setBadge?: (missedUnseen: number) => void;
  /** The provisioning service to use when the `provisioningUrl` setting is empty (e.g. the local switchboard's). */
  provisioningUrl?: string;
  /** For tests: how the provisioning client reaches the network. */
  fetch?: typeof fetch;
  /**
   * How often a number-signed-in device asks the service whether it is still signed in (default 30 s):
   * a revoked device's registration is dropped at once, but it only learns so from the service.
   */
  deviceCheckMs?: number;
  /** The company directory's local store (filled after a number sign-in). */
  directory?: DirectoryStore;
  /** How often the directory syncs while signed in (default 5 min). */
  directorySyncMs?: number;
  /** The presence stream's first reconnect wait (tests shorten it). */
  presenceRetryMs?: number;
  /** How long an incoming call rings before auto-answer picks it up (after its short tone). */
  autoAnswerDelayMs?: number;
};

const DAY_MS = 86_400_000;
const RETENTION_MS: Record<HistoryRetention, number | null> = { forever: null, '1y': 365 * DAY_MS, '90d': 90 * DAY_MS };

export class AppCoreError extends Error {}

export class AppCore {
  private state: AppState;
  private account: SavedAccount | null = null;
  /** Saved only once the server accepts it: a mistyped password must not come back at the next start. */
  private saveWhenRegistered = false;
  private engineOpen = false;
  private engineReady: { promise: Promise<void>; resolve: () => void } | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private deviceCheckTimer: ReturnType<typeof setInterval> | undefined;
  private readonly lingerTimers = new Set<ReturnType<typeof setTimeout>>();
  private readonly deps: AppCoreDeps;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly directory: DirectoryService | null;
  private readonly agent: AgentService;

  constructor(deps: AppCoreDeps) {
    this.deps = deps;
    this.directory = deps.directory
      ? new DirectoryService({
          store: deps.directory,
          device: () => this.provisionedDevice(),
          onStatus: (status) => this.deps.ui.broadcast('directoryStatus', status),
          onChanged: () => this.deps.ui.broadcast('directoryChanged', {}),
          ...(deps.fetch ? { fetch: deps.fetch } : {}),
          ...(deps.directorySyncMs ? { periodMs: deps.directorySyncMs } : {}),
        })
      : null;
    this.now = deps.now ?? Date.now;
    this.newId = deps.newId ?? (() => crypto.randomUUID());
    this.agent = new AgentService({
      device: () => this.provisionedDevice(),
      settings: {
        get: () => deps.settings.getSettings().agent,
        set: (agent) => deps.settings.updateSettings({ agent }),
      },
      // Before the constructor finishes, state does not exist yet: the view goes in below.
      onView: (agent) => {
        if (this.state) this.setState({ agent });
      },
      onDelta: (delta) => this.deps.ui.broadcast('presence', delta),
      now: this.now,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.presenceRetryMs ? { retryMs: deps.presenceRetryMs } : {}),
    });
    const languagePreference = deps.settings.getSettings().languagePreference;
    this.state = {
      account: null,
      registration: { status: 'signed-out' },
      calls: [],
      languagePreference,
      language: resolveLanguage(languagePreference, deps.systemLocale()),
      audioSettings: deps.settings.getSettings().audio ?? DEFAULT_AUDIO_SETTINGS,
      agent: this.agent.view(),
    };
  }

  getState(): AppState {
    return this.state;
  }

  /** At start-up: signs in again with the saved account, if there is one. */
  async resume(): Promise<void> {
    if (this.applyRetention() > 0) this.deps.ui.broadcast('callLogChanged', {});
    this.pushHistoryInfo();
    const saved = this.deps.credentials.load();
    if (saved) await this.signIn(saved, { persist: false });
    else if (this.deps.credentials.lastLoadReason && this.deps.credentials.lastLoadReason !== 'missing') {
      // A damaged or undecryptable file is not a reason to crash or loop: say so, and ask to sign in again.
      const detail = this.deps.credentials.lastLoadReason;
      this.setState({ registration: { status: 'signed-out', error: 'account-lost', detail } });
    }
  }

  async signIn(input: SavedAccount, options: { persist?: boolean } = {}): Promise<void> {
    if (this.state.calls.some((call) => call.phase !== 'ended')) {
      throw new AppCoreError('Finish the current call before changing account.');
    }
    const account = engineAccount(input);
    this.account = input;
    this.setState({
      account: {
        server: account.server,
        user: account.user,
        domain: account.domain,
        displayName: account.displayName,
        ...(input.dtmfMode ? { dtmfMode: input.dtmfMode } : {}),
      },
      registration: { status: 'connecting' },
    });
    this.saveWhenRegistered = options.persist !== false;
    this.watchDevice();
    // Until registered: "connecting" for a number-signed-in account, "no status" for a SIP account.
    this.agent.prepare();
    await this.openEngine();
    this.deps.engine.send('register', account);
    // Before any call can start, so the first call already uses the chosen devices.
    this.deps.engine.send('audioSettings', this.deps.settings.getSettings().audio ?? DEFAULT_AUDIO_SETTINGS);
  }

  /** Log out: forgets the account here and, after a number sign-in, retires this device at the service. */
  async signOut(): Promise<void> {
    const refusal = this.leaveRefusal();
    if (refusal) throw new AppCoreError(`Log out is not possible now. ${refusal}`);
    // The switchboard hears we are Offline before the device is retired (best effort).
    await this.agent.stop({ offline: true });
    this.agent.forget();
    const device = this.account?.provisioned;
    this.account = null;
    this.watchDevice();
    this.deps.credentials.clear();
    this.directory?.forget();
    // Best effort: logging out must work offline too; the service also revokes on the next sign-in.
    if (device) await this.provisioningClient(device.serviceUrl).signOut(device.token);
    if (this.engineOpen) {
      this.deps.engine.send('unregister', {});
      await this.closeEngine();
    }
    this.setState({ account: null, registration: { status: 'signed-out' } });
  }

  dial(target: string): { callId: string } {
    if (this.state.registration.status !== 'registered')
      throw new AppCoreError('Not signed in: calls need a registered account.');
    this.agentAction(() => this.agent.checkDial());
    const callId = this.newId();
    // A second call while we talk: the first waits on hold.
    this.holdCalls(callsToHold(this.state.calls, null));
    // The number is dialled now; the engine sends what follows it once the call connects.
    const { target: number, postDial } = splitDialString(target);
    this.deps.engine.send('dial', { callId, target: number, ...(postDial ? { postDial } : {}) });
    return { callId };
  }

  /** Blind transfer: the engine holds the caller, sends REFER and ends our leg once the target answers. */
  transfer(callId: string, target: string): void {
    this.requireControl(callId, 'transfer');
    this.deps.engine.send('transfer', { callId, target });
  }

  /** Attended transfer, first step: hold the caller and call the target on a consultation call. */
  consult(callId: string, target: string): { callId: string } {
    this.requireControl(callId, 'transfer');
    this.holdCalls(callsToHold(this.state.calls, null));
    const consultCallId = this.newId();
    this.deps.engine.send('dial', { callId: consultCallId, target, consultFor: callId });
    return { callId: consultCallId };
  }

  /** "Complete transfer" on a consultation call: REFER with Replaces to the held caller. */
  completeTransfer(consultCallId: string): void {
    this.requireCall(consultCallId);
    const pair = attendedTransferPair(this.state.calls, consultCallId);
    if (!pair) throw new AppCoreError('Both calls must be up to complete the transfer.');
    this.deps.engine.send('completeTransfer', pair);
  }

  /** "Cancel" on a consultation call: it ends and the held caller is resumed. */
  cancelConsult(consultCallId: string): void {
    this.requireCall(consultCallId);
    const consult = this.state.calls.find((call) => call.id === consultCallId)!;
    this.deps.engine.send('hangup', { callId: consultCallId });
    const original = this.state.calls.find((call) => call.id === consult.consultFor);
    if (original?.phase === 'connected' && original.held)
      this.deps.engine.send('hold', { callId: original.id, held: false });
  }

  /** Two calls: this one gets our microphone, the other waits on hold. */
  switchCall(callId: string): void {
    this.requireCall(callId);
    const plan = switchPlan(this.state.calls, callId);
    if (!plan) throw new AppCoreError('That call cannot be switched to now.');
    this.holdCalls(plan.hold);
    if (plan.resume) this.deps.engine.send('hold', { callId: plan.resume, held: false });
  }

  private holdCalls(callIds: string[]): void {
    for (const callId of callIds) this.deps.engine.send('hold', { callId, held: true });
  }

  mute(callId: string, muted: boolean): void {
    this.requireControl(callId, 'mute');
    this.deps.engine.send('mute', { callId, muted });
  }

  hold(callId: string, held: boolean): void {
    this.requireControl(callId, 'hold');
    this.deps.engine.send('hold', { callId, held });
  }

  sendDtmf(callId: string, digits: string): void {
    this.requireControl(callId, 'keypad');
    this.deps.engine.send('sendDtmf', { callId, digits });
  }

  sendPendingDigits(callId: string): void {
    this.requireControl(callId, 'sendPending');
    this.deps.engine.send('sendPendingDigits', { callId });
  }

  /**
   * The machine woke up (Electron's powerMonitor; the browser host's tests call it directly):
   * the connection is likely dead without knowing it, so the engine reconnects and re-registers now.
   */
  systemResumed(): void {
    if (this.account) this.deps.engine.send('networkChanged', { reason: 'resume' });
  }

  answer(callId: string): void {
    this.requireCall(callId, 'incoming');
    // Call waiting: answering the second call puts the one we talk on on hold.
    this.holdCalls(callsToHold(this.state.calls, callId));
    this.deps.engine.send('answer', { callId });
  }

  decline(callId: string): void {
    this.requireCall(callId, 'incoming');
    this.deps.engine.send('decline', { callId });
  }

  hangup(callId: string): void {
    this.requireCall(callId);
    this.deps.engine.send('hangup', { callId });
  }

  listCallLog(query: CallLogQuery) {
    return this.deps.callLog.list(query);
  }

  deleteCallLogEntry(id: string): void {
    this.deps.callLog.delete(id);
    this.historyChanged();
  }

  clearCallLog(): { deleted: number } {
    const deleted = this.deps.callLog.clear();
    this.historyChanged();
    return { deleted };
  }

  getCallHistoryInfo(): CallHistoryInfo {
    return {
      missedUnseen: this.deps.callLog.countUnseenMissed(),
      retention: this.deps.settings.getSettings().historyRetention,
    };
  }

  /** The user looked at missed calls: everything missed until now counts as seen. */
  markMissedSeen(): void {
    this.deps.callLog.markMissedSeen(this.now());
    this.pushHistoryInfo();
  }

  setHistoryRetention(retention: HistoryRetention): { deleted: number } {
    this.deps.settings.updateSettings({ historyRetention: retention });
    const deleted = this.applyRetention();
    if (deleted > 0) this.historyChanged();
    else this.pushHistoryInfo();
    return { deleted };
  }

  /** Deletes calls older than the retention setting allows; at start-up, after calls, on change. */
  applyRetention(): number {
    const keepMs = RETENTION_MS[this.deps.settings.getSettings().historyRetention];
    return keepMs === null ? 0 : this.deps.callLog.deleteStartedBefore(this.now() - keepMs);
  }

  async exportCallLog(request: { view: CallLogView; format: ExportFormat; timeZone: string }): Promise<ExportResult> {
    const target = this.deps.exportTarget;
    if (!target) throw new AppCoreError('Export is not available here.');
    return exportCallLog({
      list: (query) => this.deps.callLog.list(query),
      view: request.view,
      format: request.format,
      timeZone: request.timeZone,
      language: this.state.language,
      target,
      now: this.now(),
    });
  }

  /** A number handed in from outside (link, command line): the UI puts it on the dial pad. */
  requestDial(target: string): void {
    this.deps.ui.broadcast('dialRequest', { target });
  }

  setLanguage(preference: LanguagePreference): void {
    this.deps.settings.updateSettings({ languagePreference: preference });
    this.setState({ languagePreference: preference, language: resolveLanguage(preference, this.deps.systemLocale()) });
  }

  /** Audio devices and processing: kept, shown to every UI window, and applied by a running engine at once. */
  setAudioSettings(patch: AudioSettingsPatch): void {
    const audio = mergeAudioSettings(this.deps.settings.getSettings().audio ?? DEFAULT_AUDIO_SETTINGS, patch);
    this.deps.settings.updateSettings({ audio });
    this.setState({ audioSettings: audio });
    if (this.engineOpen) this.deps.engine.send('audioSettings', audio);
  }

  onEngineAudio(status: AudioStatus): void {
    this.setState({ audio: status });
  }

  /** Sign-in by mobile number: the setting if set, else what the host was started with, else ''. */
  provisioningUrl(): string {
    return this.deps.settings.getSettings().provisioningUrl || this.deps.provisioningUrl || '';
  }

  setProvisioningUrl(url: string): void {
    this.deps.settings.updateSettings({ provisioningUrl: url.trim() });
  }

  async lookupNumber(mobile: string): Promise<LookupResult> {
    const ready = this.provisioning(mobile);
    if (!ready.ok) return ready;
    return ready.client.lookup(ready.e164);
  }

  async requestCode(mobile: string, companyId: number): Promise<CodeRequestResult> {
    const ready = this.provisioning(mobile);
    if (!ready.ok) return ready;
    return ready.client.requestCode(ready.e164, companyId, this.state.language);
  }

  /** A right code: signs in with the SIP account the service issued for this device. */
  async verifyCode(mobile: string, companyId: number, code: string): Promise<VerifyResult> {
    const ready = this.provisioning(mobile);
    if (!ready.ok) return ready;
    const answer = await ready.client.verify(ready.e164, companyId, code);
    if (!answer.ok) return answer;
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
        companyId,
        mobile: ready.e164,
      },
    });
    if (!issued.success) {
      const issue = issued.error.issues[0];
      const where = issue?.path.join('.') || 'account';
      return {
        ok: false,
        code: 'failed',
        detail: `The provisioning service sent an unusable SIP account (${where}: ${issue?.message ?? 'invalid'})`,
      };
    }
    await this.signIn(issued.data);
    return { ok: true };
  }

  /** The device a number sign-in issued to this computer (for services such as the directory); null otherwise. */
  provisionedDevice(): ProvisionedDevice | null {
    return this.account?.provisioned ?? null;
  }

  /**
   * Asks the service whether this number-signed-in device is still signed in; if it was revoked
   * (another computer, the administrator), stops registering, forgets the account and says why.
   * Offline or no answer: nothing changes. Returns whether the device was found revoked.
   */
  async checkDevice(): Promise<boolean> {
    const device = this.account?.provisioned;
    if (!device) return false;
    const answer = await this.provisioningClient(device.serviceUrl).deviceStatus(device.token);
    // The account may have changed while the service answered.
    if (!answer.ok || answer.state === 'active' || this.account?.provisioned !== device) return false;
    const error: RegistrationState['error'] =
      answer.reason === 'replaced'
        ? 'signed-in-elsewhere'
        : answer.reason === 'admin'
          ? 'signed-out-by-admin'
          : undefined;
    this.account = null;
    this.watchDevice();
    this.deps.credentials.clear();
    this.agent.forget();
    if (this.engineOpen) {
      this.deps.engine.send('unregister', {});
      await this.closeEngine();
    }
    this.setState({ account: null, registration: { status: 'signed-out', ...(error ? { error } : {}) } });
    return true;
  }

  /** Polls the device's state while a number-signed-in account is in use; stops otherwise. */
  private watchDevice(): void {
    if (this.account?.provisioned && !this.deviceCheckTimer) {
      this.deviceCheckTimer = setInterval(() => void this.checkDevice(), this.deps.deviceCheckMs ?? 30_000);
      this.deviceCheckTimer.unref?.();
    } else if (!this.account?.provisioned && this.deviceCheckTimer) {
      clearInterval(this.deviceCheckTimer);
      this.deviceCheckTimer = undefined;
    }
  }

  private provisioning(
    mobile: string,
  ): { ok: true; client: ProvisioningClient; e164: string; baseUrl: string } | NumberSignInFailure {
    const parsed = parseMobileNumber(mobile);
    if (!parsed.ok) return { ok: false, code: 'invalid-number' };
    const baseUrl = this.provisioningUrl();
    if (!baseUrl) return { ok: false, code: 'not-configured' };
    return { ok: true, client: this.provisioningClient(baseUrl), e164: parsed.e164, baseUrl };
  }

  private provisioningClient(baseUrl: string): ProvisioningClient {
    return new ProvisioningClient({ baseUrl, ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}) });
  }

  /** The company directory (after a number sign-in; a SIP sign-in has none: state 'no-device'). */
  directoryStatus(): DirectoryStatus {
    return this.directory?.status() ?? { state: 'no-device', people: 0, version: 0, lastSyncAt: null, error: null };
  }

  directoryDepartments(): DirectoryDepartment[] {
    return this.hasDirectory() ? this.directory!.store.departments() : [];
  }

  directoryPeople(departmentId: number | null, offset: number, limit: number): DirectoryPerson[] {
    return this.hasDirectory() ? this.directory!.store.listPeople(departmentId, offset, limit) : [];
  }

  directoryPerson(id: number): DirectoryPerson | null {
    return this.hasDirectory() ? this.directory!.store.person(id) : null;
  }

  searchDirectory(query: string, limit?: number): SearchHit[] {
    return this.directory?.search(query, limit) ?? [];
  }

  /** For other features (the transfer picker): colleagues to call by name, pinyin, extension or number. */
  searchPeople(query: string, limit?: number): PersonToCall[] {
    return this.directory?.searchPeople(query, limit) ?? [];
  }

  async directoryAvatar(id: number): Promise<string | null> {
    return (await this.directory?.avatar(id)) ?? null;
  }

  async syncDirectory(): Promise<void> {
    await this.directory?.sync();
  }

  private hasDirectory(): boolean {
    return this.directory !== null && this.provisionedDevice() !== null;
  }

  /** Engine reports, already validated against the contract. */
  onEngineReady(): void {
    this.engineReady?.resolve();
  }

  async onEngineRegistration(registration: EngineEventPayload<'registration'>): Promise<void> {
    if (!this.account) return;
    // A refused number-signed-in device: revoked (say why) or a real problem (show it as usual).
    if (registration.error === 'auth-failed' && this.account.provisioned && (await this.checkDevice())) return;
    if (!this.account) return;
    let shown: RegistrationState = registration;
    if (registration.error === 'server-unreachable' && this.deps.diagnoseConnection) {
      shown = (await this.deps.diagnoseConnection(primaryServer(this.account.server))) ?? registration;
    }
    if (shown.status === 'registered' && this.saveWhenRegistered) {
      this.saveWhenRegistered = false;
      this.deps.credentials.save(this.account);
    }
    const cameBack = shown.status === 'registered' && this.state.registration.status !== 'registered';
    this.setState({ registration: shown });
    // After sign-in and whenever the switchboard is reachable again: catch up with the directory.
    if (cameBack && this.directory && this.account.provisioned) {
      void this.directory.sync();
      this.directory.start();
    }
    // Status and presence: the event stream for a number-signed-in device; a SIP account is told it has none.
    if (cameBack) this.agent.start();
  }

  onEngineCall(snapshot: EngineEventPayload<'call'>): void {
    const known = this.state.calls.find((call) => call.id === snapshot.id);
    if (known?.phase === 'ended') return;
    snapshot = this.withGroupName(snapshot);
    if (!known) this.deps.callLog.recordCallStarted(snapshot);
    if (snapshot.phase === 'ended') {
      this.deps.callLog.recordCallEnded(snapshot);
      this.applyRetention();
      this.historyChanged();
      this.lingerThenForget(snapshot.id);
    } else if (known) {
      this.deps.callLog.recordCallUpdated(snapshot);
    }
    const calls = known
      ? this.state.calls.map((call) => (call.id === snapshot.id ? snapshot : call))
      : [...this.state.calls, snapshot];
    this.setState({ calls });
    this.updateHeartbeat();
    this.agent.callsChanged(calls);
    if (!known && snapshot.phase === 'incoming') this.maybeAutoAnswer(snapshot);
  }

  /** Auto-answer (company policy or the user's choice): the engine plays a short tone and answers ~1 s later. */
  private maybeAutoAnswer(call: CallSnapshot): void {
    // Not while another call is up: a second caller must not cut into a conversation unasked.
    const others = this.state.calls.some((other) => other.id !== call.id && other.phase !== 'ended');
    if (others || !this.agent.shouldAutoAnswer()) return;
    this.deps.engine.send('autoAnswer', { callId: call.id });
  }

  /** A group call: the group's name from the presence snapshot, for the incoming-call screen. */
  private withGroupName(snapshot: CallSnapshot): CallSnapshot {
    if (!snapshot.group || snapshot.groupName) return snapshot;
    const name = this.agent.group(snapshot.group)?.name;
    return name ? { ...snapshot, groupName: name } : snapshot;
  }

  /** Working status (issue 10). Refusals become AppCoreErrors: the UI shows their message. */
  async setAgentStatus(status: ChosenStatus, reason: string | null): Promise<void> {
    await this.agentAsync(() => this.agent.choose(status, reason));
  }

  async agentReadyNow(): Promise<void> {
    await this.agentAsync(() => this.agent.readyNow());
  }

  async agentMoreTime(): Promise<void> {
    await this.agentAsync(() => this.agent.moreTime());
  }

  dismissAgentNotice(): void {
    this.agent.dismissNotice();
  }

  async setRingTarget(ringTarget: RingTarget): Promise<void> {
    await this.agentAsync(() => this.agent.setRingTarget(ringTarget));
  }

  setAutoAnswer(enabled: boolean): void {
    this.agent.setAutoAnswer(enabled);
  }

  /** Mobile mode's dialing: the switchboard calls our mobile first, then the callee. */
  async requestCallback(to: string): Promise<void> {
    if (this.state.registration.status !== 'registered')
      throw new AppCoreError('Not signed in: calls need a registered account.');
    await this.agentAsync(() => this.agent.requestCallback(to));
  }

  getPresence(extensions: readonly string[]): Presence[] {
    return this.agent.lookup(extensions);
  }

  listPresenceGroups(): GroupPresence[] {
    return this.agent.groups();
  }

  /** Why logging out or quitting is refused now (a call, after-call work), or null. */
  leaveRefusal(): string | null {
    const live = this.state.calls.filter((call) => call.phase === 'connecting' || call.phase === 'connected');
    return this.agent.leaveRefusal(live.length)?.message ?? null;
  }

  private agentAction(action: () => void): void {
    try {
      action();
    } catch (error) {
      if (error instanceof AgentRefusedError) throw new AppCoreError(error.message);
      throw error;
    }
  }

  private async agentAsync(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      if (error instanceof AgentRefusedError) throw new AppCoreError(error.message);
      throw error;
    }
  }

  /** The engine window crashed or was closed under us: calls are gone, sign in again. */
  async onEngineGone(reason: string): Promise<void> {
    this.engineOpen = false;
    this.engineReady = null;
    const now = this.now();
    for (const call of this.state.calls.filter((c) => c.phase !== 'ended')) {
      this.onEngineCall({
        ...call,
        phase: 'ended',
        endedAt: now,
        outcome: call.answeredAt ? 'answered' : 'failed',
        endReason: reason,
      });
    }
    if (this.account) await this.signIn(this.account, { persist: false });
  }

  async shutdown(): Promise<void> {
    // Quit: colleagues see us Offline and the switchboard stops ringing this computer.
    await this.agent.stop({ offline: true });
    clearInterval(this.heartbeatTimer);
    clearInterval(this.deviceCheckTimer);
    this.deviceCheckTimer = undefined;
    this.directory?.stop();
    for (const timer of this.lingerTimers) clearTimeout(timer);
    if (this.engineOpen) {
      this.deps.engine.send('unregister', {});
      await this.closeEngine();
    }
  }

  private async openEngine(): Promise<void> {
    if (this.engineOpen && this.engineReady) return this.engineReady.promise;
    let resolve = () => {};
    const promise = new Promise<void>((done) => (resolve = done));
    this.engineReady = { promise, resolve };
    this.engineOpen = true;
    await this.deps.engine.open();
    await promise;
  }

  private async closeEngine(): Promise<void> {
    this.engineOpen = false;
    this.engineReady = null;
    await this.deps.engine.close();
  }

  private requireCall(callId: string, phase?: CallSnapshot['phase']): void {
    const call = this.state.calls.find((candidate) => candidate.id === callId);
    if (!call || call.phase === 'ended') throw new AppCoreError('That call has already ended.');
    if (phase && call.phase !== phase) throw new AppCoreError(`That call is ${call.phase}, not ${phase}.`);
  }

  private requireControl(callId: string, control: keyof CallControls): void {
    this.requireCall(callId);
    const call = this.state.calls.find((candidate) => candidate.id === callId)!;
    if (!callControls(call)[control]) throw new AppCoreError(`That call is ${call.phase}: ${control} does not apply.`);
  }

  private lingerThenForget(callId: string): void {
    const timer = setTimeout(() => {
      this.lingerTimers.delete(timer);
      this.setState({ calls: this.state.calls.filter((call) => call.id !== callId) });
    }, this.deps.endedCallLingerMs ?? 2500);
    this.lingerTimers.add(timer);
  }

  private updateHeartbeat(): void {
    const live = this.state.calls.filter((call) => call.phase !== 'ended').map((call) => call.id);
    if (live.length && !this.heartbeatTimer) {
      this.heartbeatTimer = setInterval(() => {
        const ids = this.state.calls.filter((call) => call.phase !== 'ended').map((call) => call.id);
        this.deps.callLog.heartbeat(ids, this.now());
      }, this.deps.heartbeatMs ?? 5000);
    } else if (!live.length && this.heartbeatTimer) {
      clearInterval(this.heartbeatTimer);
      this.heartbeatTimer = undefined;
    }
  }

  private historyChanged(): void {
    this.deps.ui.broadcast('callLogChanged', {});
    this.pushHistoryInfo();
  }

  private pushHistoryInfo(): void {
    const info = this.getCallHistoryInfo();
    this.deps.ui.broadcast('callHistoryInfo', info);
    this.deps.setBadge?.(info.missedUnseen);
  }

  private setState(patch: Partial<AppState>): void {
    this.state = { ...this.state, ...patch };
    this.deps.ui.broadcast('state', this.state);
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
