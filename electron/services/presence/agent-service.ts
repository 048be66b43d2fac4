/**
 * The working-status feature of the app core (issue 10). Runs the pure state machine
 * (src/shared/agent-status.ts) against the world: the provisioning service's event stream and
 * requests, the calls the engine reports, the settings, and a timer for after-call work.
 * Only a number-signed-in device has a status; a manual SIP account gets 'needs-number-sign-in'.
 */
import {
  INITIAL_AGENT_STATUS,
  REFUSAL_MESSAGES,
  acwExpired,
  callsChanged,
  choose,
  currentRequest,
  dialRefusal,
  dismissNotice,
  leaveRefusal,
  moreTime,
  pickWrapUp,
  readyNow,
  serverPresence,
  shownStatus,
  type AgentStatusState,
  type RefusalReason,
  type Step,
} from '../../../src/shared/agent-status.ts';
import type { CallSnapshot, CallWrapUp, ProvisionedDevice } from '../../../src/shared/domain.ts';
import {
  DEFAULT_AGENT_POLICY,
  DEFAULT_AGENT_SETTINGS,
  autoAnswerOn,
  type AgentPolicy,
  type AgentSettings,
  type AgentView,
  type ChosenStatus,
  type DeskPhone,
  type GroupPresence,
  type Presence,
  type PresenceDelta,
  type RingTarget,
  type StationSnapshot,
  type StatusRequest,
} from '../../../src/shared/presence.ts';
import { UserFacingError } from '../user-facing-error.ts';
import { PresenceClient, type StreamState } from './presence-client.ts';
import { PresenceStore } from './presence-store.ts';
import { WrapUpLedger } from './wrap-up-ledger.ts';
import { connectedCallsReport } from './reported-calls.ts';

export type AgentServiceOptions = {
  device: () => ProvisionedDevice | null;
  settings: { get(): AgentSettings | undefined; set(agent: AgentSettings): void };
  /** The window's view of our own status changed (part of AppState). */
  onView: (view: AgentView) => void;
  /** Colleagues' presence changed (a delta, or a reset). */
  onDelta: (delta: PresenceDelta) => void;
  fetch?: typeof fetch;
  now?: () => number;
  /** Stream reconnect backoff, first wait (tests shorten it). */
  retryMs?: number;
  /** How long "Calling your mobile…" stays up. */
  callbackNoticeMs?: number;
  /**
   * The service refused this device's presence stream: it was signed out there (another computer, the
   * administrator, a password change). Told at once, so the session need not wait for its next check.
   */
  onDeviceRefused?: () => void;
  /** A wrap-up for the calls the current after-call work follows (picked, or a required one missing). */
  onWrapUp?: (callIds: readonly string[], wrapUp: CallWrapUp) => void;
};

const CONNECTED_PHASES = new Set<CallSnapshot['phase']>(['connecting', 'connected']);

export class AgentService {
  private readonly options: AgentServiceOptions;
  private readonly now: () => number;
  private readonly store: PresenceStore;
  private state: AgentStatusState;
  private policy: AgentPolicy = DEFAULT_AGENT_POLICY;
  private ringTarget: RingTarget = 'computer';
  private station: StationSnapshot = { deskPhone: false, ringNumber: null };
  private availability: AgentView['availability'] = 'needs-number-sign-in';
  private callback: AgentView['callback'] = null;
  private client: PresenceClient | null = null;
  private clientDevice: ProvisionedDevice | null = null;
  private gotFirstSnapshot = false;
  private sending: Promise<unknown> = Promise.resolve();
  private acwTimer: ReturnType<typeof setTimeout> | undefined;
  private callbackTimer: ReturnType<typeof setTimeout> | undefined;
  private lastViewJson = '';
  private myExtension: string | null = null;
  /** The service's clock minus ours (from the snapshot's `at`): its after-call-work deadline in our time. */
  private clockOffsetMs = 0;
  private readonly wrapUps: WrapUpLedger;
  /** The connected calls last told to the service (ids, in order), for the supervisors' team view. */
  private reportedCalls = '';

  constructor(options: AgentServiceOptions) {
    this.options = options;
    this.wrapUps = new WrapUpLedger(options.onWrapUp);
    this.now = options.now ?? Date.now;
    this.store = new PresenceStore(options.onDelta);
    const saved = options.settings.get() ?? DEFAULT_AGENT_SETTINGS;
    this.state = { ...INITIAL_AGENT_STATUS, chosen: saved.status, chosenReason: saved.reason };
  }

  view(): AgentView {
    const shown = shownStatus(this.state);
    return {
      availability: this.availability,
      status: shown.status,
      reason: shown.reason,
      chosen: this.state.chosen,
      chosenReason: this.state.chosenReason,
      acwUntil: this.state.acwUntil,
      wrapUp: this.state.wrapUp,
      notice: this.state.notice,
      ringTarget: this.ringTarget,
      ringTargets: this.ringTargets(),
      ringNumber: this.station.ringNumber,
      policy: this.policy,
      autoAnswer: this.savedSettings().autoAnswer,
      callback: this.callback,
    };
  }

  /** Signing in: what the header says until registration opens the stream (see start). */
  prepare(): void {
    const device = this.options.device();
    if (device && this.clientDevice === device) return;
    if (!device) this.stopStream();
    this.availability = device ? 'connecting' : 'needs-number-sign-in';
    this.publish();
  }

  /** Signed in (or reachable again): open the stream for a number-signed-in device. */
  start(): void {
    const device = this.options.device();
    if (!device) {
      this.stopStream();
      this.availability = 'needs-number-sign-in';
      this.publish();
      return;
    }
    if (this.client && this.clientDevice === device) return;
    this.stopStream();
    this.clientDevice = device;
    this.gotFirstSnapshot = false;
    this.client = new PresenceClient({
      baseUrl: device.serviceUrl,
      token: device.token,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.retryMs ? { retryMs: this.options.retryMs } : {}),
    });
    this.client.start({
      snapshot: (snapshot) => {
        this.myExtension = snapshot.me.extension;
        this.clockOffsetMs = snapshot.at - this.now();
        this.policy = snapshot.policy;
        this.ringTarget = snapshot.me.ringTarget;
        this.station = snapshot.station;
        this.store.replace(snapshot);
        // At sign-in our chosen status (kept in settings) wins; after a reconnect the server's view of us does.
        if (this.gotFirstSnapshot) this.state = serverPresence(this.state, this.inOurTime(snapshot.me));
        this.armAcwTimer();
        this.gotFirstSnapshot = true;
        const wanted = currentRequest(this.state);
        if (wanted.status !== snapshot.me.status || (wanted.reason ?? null) !== snapshot.me.reason)
          void this.send(wanted);
        this.publish();
      },
      presence: (presence) => {
        this.store.update(presence);
        if (presence.extension === this.myExtension) this.fromServer(presence);
      },
      group: (group) => this.store.updateGroup(group),
      state: (streamState) => this.streamState(streamState),
    });
    this.availability = 'connecting';
    this.publish();
  }

  /** Quit: the switchboard hears we are Offline (best effort, briefly), then the stream closes. */
  async stop(options: { offline: boolean }): Promise<void> {
    const client = this.client;
    if (options.offline && client && this.availability === 'live') {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const giveUp = new Promise((done) => (timer = setTimeout(done, 2000)));
      await Promise.race([client.setStatus({ status: 'offline' }), giveUp]);
      clearTimeout(timer);
    }
    this.stopStream();
    clearTimeout(this.acwTimer);
    clearTimeout(this.callbackTimer);
    this.store.dispose();
  }

  /** Log out or a revoked device: no status any more; the chosen one stays in settings for next time. */
  forget(): void {
    this.stopStream();
    this.store.clear();
    this.state = { ...this.state, inCall: false, acwUntil: null, notice: null };
    this.availability = 'needs-number-sign-in';
    this.callback = null;
    this.publish();
  }

  /** Every call change: on a call while any is connected; after-call work once the last one ends. */
  callsChanged(calls: readonly CallSnapshot[]): void {
    const connected = calls.some((call) => CONNECTED_PHASES.has(call.phase));
    this.wrapUps.callsSeen(calls);
    this.reportCalls(calls);
    const step = callsChanged(this.state, connected, this.now(), this.policy);
    if (this.state.inCall && !step.state.inCall) this.wrapUps.stretchEnded(step.state.acwUntil !== null);
    this.apply(step);
  }

  /**
   * The agent picks a wrap-up code (or only writes a note) during after-call work; kept with the calls it
   * follows at once, so the history shows it whatever ends after-call work. `code` null keeps the one picked.
   */
  wrapUp(code: string | null, note: string): void {
    if (code !== null) {
      const picked = pickWrapUp(this.state, code, this.policy);
      if ('ok' in picked) throw new UserFacingError(picked.reason, REFUSAL_MESSAGES[picked.reason]);
      this.state = picked;
    } else if (this.state.acwUntil === null || this.state.inCall) {
      throw new UserFacingError('no-after-call-work', REFUSAL_MESSAGES['no-after-call-work']);
    }
    const chosen = this.policy.wrapUpCodes.find((c) => c.code === this.state.wrapUp);
    this.wrapUps.record(chosen, note.trim());
    this.publish();
  }

  async choose(status: ChosenStatus, reason: string | null): Promise<void> {
    const step = choose(this.state, status, reason, this.policy);
    if ('ok' in step) throw new UserFacingError(step.reason, REFUSAL_MESSAGES[step.reason]);
    await this.applyAndWait(step);
  }

  async readyNow(): Promise<void> {
    const step = readyNow(this.state, this.policy);
    if ('ok' in step) throw new UserFacingError(step.reason, REFUSAL_MESSAGES[step.reason]);
    await this.applyAndWait(step);
  }

  moreTime(): Promise<void> {
    return this.applyAndWait(moreTime(this.state, this.now(), this.policy));
  }

  dismissNotice(): void {
    this.state = dismissNotice(this.state);
    this.publish();
  }

  async setRingTarget(ringTarget: RingTarget): Promise<void> {
    const client = this.requireClient();
    const answer = await client.setRingTarget(ringTarget);
    if (!answer.ok) throw new UserFacingError(answer.code, answer.title || answer.code);
    this.ringTarget = answer.value.ringTarget;
    this.publish();
  }

  setAutoAnswer(enabled: boolean): void {
    this.options.settings.set({ ...this.savedSettings(), autoAnswer: enabled });
    this.publish();
  }

  /** Mobile mode: the switchboard calls our mobile first, then connects it to `to`. */
  async requestCallback(to: string): Promise<void> {
    const client = this.requireClient();
    if (this.ringTarget === 'computer')
      throw new UserFacingError('rings-on-computer', 'Calls ring on this computer: dial normally.');
    const refusal = dialRefusal(this.state);
    if (refusal) throw new UserFacingError(refusal, REFUSAL_MESSAGES[refusal]);
    const answer = await client.callback(to);
    if (!answer.ok) throw new UserFacingError(answer.code, answer.title || answer.code);
    this.callback = { to, at: this.now() };
    clearTimeout(this.callbackTimer);
    this.callbackTimer = setTimeout(() => {
      this.callback = null;
      this.publish();
    }, this.options.callbackNoticeMs ?? 15_000);
    this.callbackTimer.unref?.();
    this.publish();
  }

  /** Log out / Quit: the reason they are refused now, or null. */
  leaveRefusal(liveCalls: number): { reason: RefusalReason; message: string } | null {
    const reason = leaveRefusal(this.state, liveCalls);
    return reason ? { reason, message: REFUSAL_MESSAGES[reason] } : null;
  }

  /** Only with a number sign-in: the setting lives beside the status (a SIP account's Settings do not show it). */
  shouldAutoAnswer(): boolean {
    if (this.availability === 'needs-number-sign-in') return false;
    return autoAnswerOn(this.policy, this.savedSettings().autoAnswer);
  }

  lookup(extensions: readonly string[]): Presence[] {
    return this.store.lookup(extensions);
  }

  groups(): GroupPresence[] {
    return this.store.groups();
  }

  group(number: string): GroupPresence | null {
    return this.store.group(number);
  }

  deskPhones(): DeskPhone[] {
    return this.store.deskPhones();
  }

  /**
   * Where Settings lets calls ring: after a number sign-in the computer or the mobile; after an e-mail
   * sign-in the station step's choices (the desk phone if the extension has one, the number typed there).
   */
  private ringTargets(): RingTarget[] {
    if (!this.options.device()?.email) return ['computer', 'mobile'];
    return [
      'computer',
      ...(this.station.deskPhone ? (['desk'] as const) : []),
      ...(this.station.ringNumber ? (['number'] as const) : []),
    ];
  }

  private fromServer(me: Presence): void {
    this.ringTarget = me.ringTarget;
    const before = this.state;
    this.state = serverPresence(this.state, this.inOurTime(me));
    if (before.chosen !== this.state.chosen || before.chosenReason !== this.state.chosenReason) this.saveChosen();
    this.armAcwTimer();
    this.publish();
  }

  private inOurTime(me: Presence): Presence {
    return me.acwUntil === null ? me : { ...me, acwUntil: me.acwUntil - this.clockOffsetMs };
  }

  private streamState(streamState: StreamState): void {
    if (streamState === 'live') this.availability = 'live';
    else if (streamState === 'unauthorized') {
      this.availability = 'offline';
      this.options.onDeviceRefused?.();
    } else if (this.availability !== 'needs-number-sign-in')
      this.availability = this.gotFirstSnapshot ? 'offline' : 'connecting';
    this.publish();
  }

  private apply(step: Step): void {
    const chosenChanged =
      step.state.chosen !== this.state.chosen || step.state.chosenReason !== this.state.chosenReason;
    this.state = step.state;
    if (chosenChanged) this.saveChosen();
    this.armAcwTimer();
    this.publish();
    if (step.send) void this.send(step.send);
  }

  private async applyAndWait(step: Step): Promise<void> {
    const chosenChanged =
      step.state.chosen !== this.state.chosen || step.state.chosenReason !== this.state.chosenReason;
    this.state = step.state;
    if (chosenChanged) this.saveChosen();
    this.armAcwTimer();
    this.publish();
    if (!step.send) return;
    const answer = await this.send(step.send);
    // Unreachable: kept here and sent again with the next snapshot; a refusal is the user's to read.
    if (answer && !answer.ok && answer.code !== 'server-unreachable')
      throw new UserFacingError(answer.code, answer.title);
  }

  /** One request at a time, in order, so the server ends with the latest status. */
  private send(request: StatusRequest) {
    const client = this.client;
    if (!client) return Promise.resolve(null);
    const result = this.sending.then(async () => {
      const answer = await client.setStatus(request);
      if (answer.ok && this.client === client) {
        this.store.update(answer.value);
        this.fromServer(answer.value);
      }
      return answer;
    });
    this.sending = result.catch(() => undefined);
    return result;
  }

  /** Only when the set of connected calls changed; best effort (a supervisor's view, not the agent's work). */
  private reportCalls(calls: readonly CallSnapshot[]): void {
    const report = connectedCallsReport(calls, this.now());
    if (report.key === this.reportedCalls || !this.client) return;
    this.reportedCalls = report.key;
    void this.client.reportCalls(report.calls);
  }

  private armAcwTimer(): void {
    clearTimeout(this.acwTimer);
    if (this.state.acwUntil === null) return;
    // The server ends after-call work and says so; this only covers a stream that is down at that moment.
    const wait = Math.max(0, this.state.acwUntil - this.now()) + 3000;
    this.acwTimer = setTimeout(() => {
      this.state = acwExpired(this.state, this.now());
      this.publish();
    }, wait);
    this.acwTimer.unref?.();
  }

  private requireClient(): PresenceClient {
    if (!this.client) throw new UserFacingError('needs-number-sign-in', 'Status needs sign-in by mobile number.');
    return this.client;
  }

  private savedSettings(): AgentSettings {
    return this.options.settings.get() ?? DEFAULT_AGENT_SETTINGS;
  }

  private saveChosen(): void {
    // A ring-out Busy comes back as a plain Busy next time: the notice was about that one call.
    const reason = this.state.chosen === 'break' ? this.state.chosenReason : null;
    this.options.settings.set({ ...this.savedSettings(), status: this.state.chosen, reason });
  }

  private stopStream(): void {
    this.client?.stop();
    this.client = null;
    this.clientDevice = null;
  }

  private publish(): void {
    // After-call work is over (Ready now, the countdown, a new call): a required code never picked is recorded
    // as missing with the calls; the server's timer is not held up for it (docs/status-and-presence.md).
    this.wrapUps.settle(
      this.state.acwUntil !== null && !this.state.inCall,
      this.policy.wrapUpRequired && this.state.wrapUp === null,
    );
    const view = this.view();
    const json = JSON.stringify(view);
    if (json === this.lastViewJson) return;
    this.lastViewJson = json;
    this.options.onView(view);
  }
}
