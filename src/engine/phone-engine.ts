/**
 * The phone engine: one JsSIP user agent, its calls and their media. Framework-free;
 * it runs in the hidden engine window that main owns, and talks to main only
 * through the two callbacks it is given.
 */
import * as JsSIP from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { IncomingRTCSessionEvent, OutgoingRTCSessionEvent } from 'jssip/lib/UA.js';
import type { CallSnapshot, RegistrationState } from '../shared/domain.ts';
import type { EngineAccount } from '../shared/ipc/contract.ts';
import { applyCallEvent, newCall, type CallEvent } from './call-state.ts';
import { toSipUri } from './dial-target.ts';
import { candidateKind, DEFAULT_ICE_CAP_MS, shouldSendWithCandidates, type CandidateKind } from './ice-ready-policy.ts';
import { registrationFailure } from './registration-errors.ts';
import { RemoteAudio } from './remote-audio.ts';
import { TonePlayer } from './tones.ts';

export type PhoneEngineReports = {
  registration(state: RegistrationState): void;
  call(snapshot: CallSnapshot): void;
};

/**
 * When the INVITE or 200 OK goes out: 'policy' (the default, what the app ships) per
 * ice-ready-policy.ts; 'complete' is stock JsSIP, waiting for ICE gathering to complete,
 * kept only so the call benchmark can compare the two.
 */
export type IceGathering = 'policy' | 'complete';

export type PhoneEngineOptions = { now?: () => number; newId?: () => string; iceGathering?: IceGathering };

type ActiveCall = { session: RTCSession; snapshot: CallSnapshot; iceCapTimer?: ReturnType<typeof setTimeout> };

// 'balanced', not 'max-bundle': a switchboard's SDP (rtpengine) carries one audio m-line and no BUNDLE group.
const PC_CONFIG: RTCConfiguration = { iceServers: [], bundlePolicy: 'balanced', rtcpMuxPolicy: 'require' };
const MEDIA = { audio: true, video: false } as const;
/** How long a first connection may take before we call the server unreachable. */
const CONNECT_TIMEOUT_MS = 8000;

export class PhoneEngine {
  private ua: JsSIP.UA | null = null;
  private account: EngineAccount | null = null;
  private everRegistered = false;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly calls = new Map<string, ActiveCall>();
  private readonly audio = new RemoteAudio();
  private readonly tones = new TonePlayer();
  private readonly reports: PhoneEngineReports;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly iceGathering: IceGathering;

  constructor(reports: PhoneEngineReports, options: PhoneEngineOptions = {}) {
    this.reports = reports;
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.iceGathering = options.iceGathering ?? 'policy';
  }

  register(account: EngineAccount): void {
    this.unregister();
    this.account = account;
    this.everRegistered = false;
    const ua = new JsSIP.UA({
      sockets: [new JsSIP.WebSocketInterface(account.server)],
      uri: `sip:${account.user}@${account.domain}`,
      authorization_user: account.user,
      password: account.password,
      display_name: account.displayName,
      register: true,
      user_agent: 'Switchboard',
      session_timers: false,
      connection_recovery_min_interval: 1,
      connection_recovery_max_interval: 8,
    });
    this.ua = ua;
    this.reports.registration({ status: 'connecting' });
    this.connectTimer = setTimeout(() => {
      if (this.ua === ua && !ua.isConnected())
        this.fail(ua, { status: 'error', error: 'server-unreachable', detail: 'Connection timed out' });
    }, CONNECT_TIMEOUT_MS);

    ua.on('registered', () => {
      if (this.ua !== ua) return;
      this.everRegistered = true;
      clearTimeout(this.connectTimer);
      this.reports.registration({ status: 'registered' });
    });
    ua.on('unregistered', () => {
      if (this.ua === ua) this.reports.registration({ status: 'unregistered' });
    });
    ua.on('registrationFailed', (event) => {
      if (this.ua !== ua) return;
      const state = registrationFailure(event.cause ?? 'SIP Failure Code', event.response);
      // A refused account will not get better by retrying with the same password.
      if (state.error === 'auth-failed' || !this.everRegistered) this.fail(ua, state);
      else this.reports.registration(state);
    });
    ua.on('disconnected', () => {
      if (this.ua !== ua) return;
      if (!this.everRegistered) {
        this.fail(ua, { status: 'error', error: 'server-unreachable', detail: account.server });
      } else {
        // JsSIP reconnects by itself with the recovery intervals above.
        this.reports.registration({ status: 'connecting', error: 'connection-lost' });
      }
    });
    ua.on('newRTCSession', (event: IncomingRTCSessionEvent | OutgoingRTCSessionEvent) => {
      if (this.ua === ua && event.originator === 'remote') this.onIncoming(event.session, event.request.from);
    });
    ua.start();
  }

  unregister(): void {
    const ua = this.ua;
    if (!ua) return;
    this.ua = null;
    clearTimeout(this.connectTimer);
    for (const call of this.calls.values()) call.session.terminate();
    ua.stop();
    this.reports.registration({ status: 'signed-out' });
  }

  dial(callId: string, target: string): void {
    const ua = this.ua;
    const account = this.account;
    const snapshot = newCall({ id: callId, direction: 'outgoing', remoteNumber: target.trim(), now: this.now() });
    if (!ua || !account || !ua.isRegistered()) {
      this.reports.call(
        applyCallEvent(snapshot, { type: 'failed', originator: 'local', cause: 'Not registered' }, this.now()),
      );
      return;
    }
    const active: ActiveCall = { session: null as unknown as RTCSession, snapshot };
    this.calls.set(callId, active);
    this.reports.call(snapshot);
    try {
      active.session = ua.call(toSipUri(target, account.domain), {
        mediaConstraints: MEDIA,
        pcConfig: PC_CONFIG,
        rtcOfferConstraints: { offerToReceiveAudio: true, offerToReceiveVideo: false },
      });
    } catch (error) {
      this.update(callId, {
        type: 'failed',
        originator: 'local',
        cause: error instanceof Error ? error.message : 'Dial failed',
      });
      return;
    }
    this.watch(callId, active.session);
  }

  answer(callId: string): void {
    const call = this.calls.get(callId);
    if (!call || call.snapshot.phase !== 'incoming') return;
    this.tones.stop();
    this.update(callId, { type: 'answering' });
    call.session.answer({ mediaConstraints: MEDIA, pcConfig: PC_CONFIG });
  }

  decline(callId: string): void {
    const call = this.calls.get(callId);
    if (!call || call.snapshot.phase !== 'incoming') return;
    call.session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
  }

  hangup(callId: string): void {
    const call = this.calls.get(callId);
    if (!call || call.session.isEnded()) return;
    call.session.terminate();
  }

  /** For diagnostics and tests in the engine page: the call's media connection. */
  peerConnection(callId: string): RTCPeerConnection | undefined {
    return this.calls.get(callId)?.session.connection ?? undefined;
  }

  private onIncoming(session: RTCSession, from: { uri: { user: string | null }; display_name?: string | null }): void {
    const callId = this.newId();
    const snapshot = newCall({
      id: callId,
      direction: 'incoming',
      remoteNumber: from.uri.user ?? 'unknown',
      remoteName: from.display_name ?? undefined,
      now: this.now(),
    });
    this.calls.set(callId, { session, snapshot });
    this.reports.call(snapshot);
    this.watch(callId, session);
    this.updateTones();
  }

  private watch(callId: string, session: RTCSession): void {
    const startedAt = this.now();
    const kinds: CandidateKind[] = [];
    session.on('peerconnection', ({ peerconnection }) => this.watchMedia(callId, peerconnection));
    if (session.connection) this.watchMedia(callId, session.connection);
    if (this.iceGathering === 'policy') {
      session.on('icecandidate', ({ candidate, ready }) => {
        const kind = candidateKind(candidate);
        if (kind) kinds.push(kind);
        if (
          shouldSendWithCandidates(kinds, this.now() - startedAt, { hasIceServers: false, capMs: DEFAULT_ICE_CAP_MS })
        )
          ready();
      });
    }
    session.on('peerconnection:setremotedescriptionfailed', (error: unknown) =>
      console.warn(`[engine] remote SDP refused: ${String(error)}`),
    );
    session.on('progress', () => this.update(callId, { type: 'progress' }));
    session.on('accepted', () => this.update(callId, { type: 'accepted' }));
    session.on('confirmed', () => this.update(callId, { type: 'confirmed' }));
    session.on('ended', ({ originator, cause }) =>
      this.update(callId, { type: 'ended', originator, cause: String(cause) }),
    );
    session.on('failed', ({ originator, cause }) =>
      this.update(callId, { type: 'failed', originator, cause: String(cause) }),
    );
  }

  private watchMedia(callId: string, connection: RTCPeerConnection): void {
    connection.addEventListener('track', (event) => {
      const stream = event.streams[0] ?? new MediaStream([event.track]);
      this.audio.attach(callId, stream);
    });
    // If no candidate ever arrives, JsSIP would wait forever: end gathering ourselves.
    const call = this.calls.get(callId);
    if (call && !call.iceCapTimer) {
      call.iceCapTimer = setTimeout(() => {
        if (connection.iceGatheringState === 'gathering') {
          connection.dispatchEvent(new RTCPeerConnectionIceEvent('icecandidate', { candidate: null }));
        }
      }, DEFAULT_ICE_CAP_MS);
    }
  }

  private update(callId: string, event: CallEvent): void {
    const call = this.calls.get(callId);
    if (!call) return;
    const next = applyCallEvent(call.snapshot, event, this.now());
    if (next === call.snapshot) return;
    call.snapshot = next;
    if (next.phase === 'ended') {
      clearTimeout(call.iceCapTimer);
      this.calls.delete(callId);
      this.audio.detach(callId);
    }
    this.reports.call(next);
    this.updateTones();
  }

  private updateTones(): void {
    const phases = [...this.calls.values()].map((call) => call.snapshot.phase);
    const talking = phases.some((phase) => phase === 'connected' || phase === 'connecting');
    if (phases.includes('incoming') && !talking) this.tones.play('ring');
    else if (phases.includes('ringing') && !talking) this.tones.play('ringback');
    else this.tones.stop();
  }

  private fail(ua: JsSIP.UA, state: RegistrationState): void {
    if (this.ua !== ua) return;
    this.ua = null;
    clearTimeout(this.connectTimer);
    ua.stop();
    this.reports.registration(state);
  }
}
