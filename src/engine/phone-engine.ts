/**
 * The phone engine: one JsSIP user agent, its calls and their media. Framework-free;
 * it runs in the hidden engine window that main owns, and talks to main only
 * through the two callbacks it is given.
 */
import * as JsSIP from 'jssip';
import type { DTMF_TRANSPORT } from 'jssip/lib/Constants.js';
import type { DTMFListener, RTCSession } from 'jssip/lib/RTCSession.js';
import type { IncomingRTCSessionEvent, OutgoingRTCSessionEvent } from 'jssip/lib/UA.js';
import { readSwitchboardHeaders, type SwitchboardCallInfo } from './switchboard-headers.ts';
import { reinvite } from './reinvite.ts';
import type { AudioStatus } from '../shared/audio.ts';
import type { CallSnapshot, RegistrationState } from '../shared/domain.ts';
import type { EngineAccount } from '../shared/ipc/contract.ts';
import { planPostDial, type PostDialStep } from '../shared/dial-string.ts';
import { applyCallEvent, newCall, type CallEvent } from './call-state.ts';
import { AudioDevices } from './audio-devices.ts';
import { CallQualityWatch } from './call-quality.ts';
import { HoldMusic } from './hold-music.ts';
import { referTarget, resumeWhenReady, sendTransfer, type TransferOutcome } from './transfer.ts';
import { callControls } from '../shared/call-controls.ts';
import { toSipUri } from './dial-target.ts';
import { ConnectionSupervisor } from './connection-supervisor.ts';
import { MEDIA_LOST_CAUSE, watchMediaFlow } from './media-watchdog.ts';
import { parseServerList } from '../shared/server-list.ts';
import { candidateKind, DEFAULT_ICE_CAP_MS, shouldSendWithCandidates, type CandidateKind } from './ice-ready-policy.ts';
import { registrationFailure } from './registration-errors.ts';
import { RemoteAudio } from './remote-audio.ts';
import { TonePlayer } from './tones.ts';

export type PhoneEngineReports = {
  registration(state: RegistrationState): void;
  call(snapshot: CallSnapshot): void;
  /** Devices present and in use, whenever they change. */
  audio?(status: AudioStatus): void;
};

type CallMedia = {
  /** The audio sender and the microphone track it carried at first; hold swaps music in and back. */
  sender?: RTCRtpSender;
  mic?: MediaStreamTrack | null;
  music?: HoldMusic;
};

/**
 * When the INVITE or 200 OK goes out: 'policy' (the default, what the app ships) per
 * ice-ready-policy.ts; 'complete' is stock JsSIP, waiting for ICE gathering to complete,
 * kept only so the call benchmark can compare the two.
 */
export type IceGathering = 'policy' | 'complete';

export type PhoneEngineOptions = { now?: () => number; newId?: () => string; iceGathering?: IceGathering };

type ActiveCall = {
  session: RTCSession;
  snapshot: CallSnapshot;
  iceCapTimer?: ReturnType<typeof setTimeout>;
  media: CallMedia;
  /** What a dial string asks for after connect, not yet done. */
  postDial: PostDialStep[];
  postDialStarted?: boolean;
  postDialTimer?: ReturnType<typeof setTimeout>;
  /** Reads the call's media statistics into quality estimates while it is connected. */
  quality?: CallQualityWatch;
  stopMediaWatch?: () => void;
};

// 'balanced', not 'max-bundle': a switchboard's SDP (rtpengine) carries one audio m-line and no BUNDLE group.
const PC_CONFIG: RTCConfiguration = { iceServers: [], bundlePolicy: 'balanced', rtcpMuxPolicy: 'require' };
/** How long a first connection may take before we call the server unreachable. */
const CONNECT_TIMEOUT_MS = 8000;

export class PhoneEngine {
  private ua: JsSIP.UA | null = null;
  private account: EngineAccount | null = null;
  private everRegistered = false;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private connection: ConnectionSupervisor | null = null;
  private offline = false;
  /** A network change happened: once registered again, calls restart ICE on the new path. */
  private iceRestartDue = false;
  private readonly calls = new Map<string, ActiveCall>();
  private readonly audio = new RemoteAudio();
  private readonly tones = new TonePlayer();
  /** Microphone, speaker and ringer choice; the engine page starts it and feeds it settings. */
  readonly devices = new AudioDevices(
    {
      setSpeaker: (sinkId) => {
        this.audio.setSink(sinkId);
        this.tones.setSpeaker(sinkId);
      },
      setRinger: (sinkId, volume) => this.tones.setRinger(sinkId, volume),
    },
    (status) => this.reports.audio?.(status),
  );
  private readonly reports: PhoneEngineReports;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly iceGathering: IceGathering;
  /** Sessions JsSIP made to replace a call of ours (INVITE with Replaces): answered at once. */
  private readonly replacements = new WeakMap<RTCSession, string>();

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
    const connection = new ConnectionSupervisor(
      parseServerList(account.server) ?? [{ url: account.server, weight: 1 }],
    );
    this.connection = connection;
    const ua = new JsSIP.UA({
      sockets: connection.weightedSockets,
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
    connection.attach(ua, (retryAt) => {
      if (this.ua === ua) this.reportConnection({ status: 'reconnecting', error: 'connection-lost', retryAt });
    });
    this.reports.registration({ status: 'connecting' });
    this.connectTimer = setTimeout(() => {
      if (this.ua === ua && !ua.isConnected())
        this.fail(ua, { status: 'error', error: 'server-unreachable', detail: 'Connection timed out' });
    }, CONNECT_TIMEOUT_MS);

    ua.on('registered', () => {
      if (this.ua !== ua) return;
      this.everRegistered = true;
      this.offline = false;
      clearTimeout(this.connectTimer);
      this.reports.registration({ status: 'registered' });
      if (this.iceRestartDue) this.restartIce();
    });
    ua.on('unregistered', () => {
      // A dropped connection unregisters too; that is reported as reconnecting instead.
      if (this.ua === ua && ua.isConnected()) this.reports.registration({ status: 'unregistered' });
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
        // Another switchboard address is tried at once before we call the server unreachable.
        if (!connection.untriedAddressLeft())
          this.fail(ua, { status: 'error', error: 'server-unreachable', detail: account.server });
      } else {
        // The supervisor schedules the next attempt and reports when it is due.
        this.reportConnection({ status: 'reconnecting', error: 'connection-lost' });
      }
    });
    ua.on('connecting', () => {
      if (this.ua === ua && this.everRegistered)
        this.reportConnection({ status: 'reconnecting', error: 'connection-lost' });
    });
    ua.on('newRTCSession', (event: IncomingRTCSessionEvent | OutgoingRTCSessionEvent) => {
      if (this.ua === ua && event.originator === 'remote') {
        const request = event.request;
        const info = readSwitchboardHeaders((name) => (request.hasHeader(name) ? request.getHeader(name) : undefined));
        this.onIncoming(event.session, request.from, info);
      }
    });
    ua.start();
  }

  unregister(): void {
    const ua = this.ua;
    if (!ua) return;
    this.ua = null;
    this.connection = null;
    clearTimeout(this.connectTimer);
    for (const call of this.calls.values()) call.session.terminate();
    ua.stop();
    this.reports.registration({ status: 'signed-out' });
  }

  dial(callId: string, target: string, postDial = '', consultFor?: string): void {
    const ua = this.ua;
    const account = this.account;
    const snapshot = newCall({
      id: callId,
      direction: 'outgoing',
      remoteNumber: target.trim(),
      now: this.now(),
      consultFor: consultFor && this.calls.has(consultFor) ? consultFor : undefined,
    });
    if (!ua || !account || !ua.isRegistered()) {
      this.reports.call(
        applyCallEvent(snapshot, { type: 'failed', originator: 'local', cause: 'Not registered' }, this.now()),
      );
      return;
    }
    const active: ActiveCall = {
      session: null as unknown as RTCSession,
      snapshot,
      media: {},
      postDial: planPostDial(postDial),
    };
    this.calls.set(callId, active);
    this.reports.call(snapshot);
    try {
      active.session = ua.call(toSipUri(target, account.domain), {
        mediaConstraints: this.devices.mediaConstraints(),
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
    call.session.answer({ mediaConstraints: this.devices.mediaConstraints(), pcConfig: PC_CONFIG });
  }

  /** Auto-answer: a short tone so the user knows a caller is coming, then the call is answered. */
  autoAnswer(callId: string, delayMs = 1000): void {
    const call = this.calls.get(callId);
    if (!call || call.snapshot.phase !== 'incoming') return;
    call.snapshot = { ...call.snapshot, autoAnswer: true };
    this.reports.call(call.snapshot);
    this.tones.stop();
    this.tones.autoAnswerBeep();
    setTimeout(() => this.answer(callId), delayMs);
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

  mute(callId: string, muted: boolean): void {
    const call = this.calls.get(callId);
    if (!call) return;
    this.update(callId, { type: 'muted', muted });
    this.applyMedia(call);
  }

  /** Hold by re-INVITE (a=sendonly), sending hold music; resume restores the microphone. */
  hold(callId: string, held: boolean): void {
    const call = this.calls.get(callId);
    if (!call || call.snapshot.phase !== 'connected') return;
    // JsSIP emits 'hold'/'unhold' (handled in watch) synchronously, before the re-INVITE goes out.
    const started = held ? call.session.hold() : call.session.unhold();
    if (!started) console.warn(`[engine] ${held ? 'hold' : 'unhold'} not possible now`);
  }

  /** Keypad digits into the call: RFC 4733 telephone-events, or SIP INFO if the account says so. */
  sendDtmf(callId: string, digits: string): void {
    const call = this.calls.get(callId);
    if (!call || call.snapshot.phase !== 'connected') return;
    if (digits.length === 1) this.tones.keyFeedback(digits);
    try {
      call.session.sendDTMF(digits, {
        transportType: (this.account?.dtmfMode === 'info' ? 'INFO' : 'RFC2833') as DTMF_TRANSPORT,
        duration: 120,
        interToneGap: 80,
      });
    } catch (error) {
      console.warn(`[engine] DTMF not sent: ${String(error)}`);
    }
  }

  /** The user confirmed the digits a dial string held back after ";". */
  sendPendingDigits(callId: string): void {
    const call = this.calls.get(callId);
    const digits = call?.snapshot.pendingDigits;
    if (!call || !digits) return;
    this.update(callId, { type: 'pendingDigits', digits: null });
    this.sendDtmf(callId, digits);
    this.runPostDial(callId);
  }

  /**
   * Blind transfer: the caller waits on hold (hearing hold music) while the far side calls the
   * target; when the target answers our leg ends, and if it fails the caller is back with us.
   */
  transfer(callId: string, target: string): void {
    const call = this.calls.get(callId);
    const account = this.account;
    if (!call || !account || !callControls(call.snapshot).transfer) return;
    const holdForTransfer = !call.snapshot.held;
    if (holdForTransfer) call.session.hold();
    this.update(callId, { type: 'transferStarted', kind: 'blind', target: target.trim() });
    sendTransfer(call.session, toSipUri(target, account.domain), (outcome) =>
      this.transferDone(callId, outcome, { resume: holdForTransfer }),
    );
  }

  /** Attended transfer: the held caller is asked to call the target in place of our consultation call. */
  completeTransfer(callId: string, consultCallId: string): void {
    const call = this.calls.get(callId);
    const consult = this.calls.get(consultCallId);
    if (!call || !consult || consult.snapshot.phase !== 'connected' || !callControls(call.snapshot).transfer) return;
    this.update(callId, { type: 'transferStarted', kind: 'attended', target: consult.snapshot.remoteNumber });
    sendTransfer(
      call.session,
      consult.session.remote_identity.uri.toString(),
      (outcome) => this.transferDone(callId, outcome, { consultCallId }),
      { consultation: consult.session },
    );
  }

  private transferDone(
    callId: string,
    outcome: TransferOutcome,
    after: { resume?: boolean; consultCallId?: string },
  ): void {
    this.update(callId, { type: 'transferResult', ...outcome });
    const call = this.calls.get(callId);
    if (outcome.ok) {
      // The caller and the target talk now: both our legs end (the target may already have ended the consultation).
      if (call && !call.session.isEnded()) call.session.terminate();
      if (after.consultCallId) this.hangup(after.consultCallId);
    } else if (after.resume && call && call.snapshot.phase === 'connected') {
      resumeWhenReady(call.session);
    }
  }

  /**
   * The OS network came back, changed, or the machine woke up: reconnect now rather than at
   * the next scheduled retry, and restart ICE in calls once registered again.
   */
  networkChanged(reason: 'online' | 'resume'): void {
    this.offline = false;
    this.iceRestartDue = this.calls.size > 0;
    this.connection?.reconnectNow(reason);
  }

  /** The OS says there is no network: say so instead of counting down retries that cannot work. */
  networkLost(): void {
    this.offline = true;
    if (this.ua) this.reports.registration({ status: 'offline' });
  }

  /** For diagnostics and tests in the engine page: send a REGISTER refresh now. */
  refreshRegistration(): void {
    if (this.ua?.isConnected()) this.ua.register();
  }

  /** For diagnostics and tests in the engine page: the call's media connection. */
  peerConnection(callId: string): RTCPeerConnection | undefined {
    return this.calls.get(callId)?.session.connection ?? undefined;
  }

  /** For diagnostics and tests in the engine page: which devices each call's audio uses now. */
  audioRoute(): { captures: Record<string, string>; speakers: Record<string, string>; ringer: string | null } {
    return { captures: this.devices.captureLabels(), speakers: this.audio.sinks(), ringer: this.tones.ringerSinkId() };
  }

  private onIncoming(
    session: RTCSession,
    from: { uri: { user: string | null }; display_name?: string | null },
    info: SwitchboardCallInfo = {},
  ): void {
    const callId = this.newId();
    const replaces = this.replacements.get(session);
    const base = newCall({
      id: callId,
      direction: 'incoming',
      remoteNumber: from.uri.user ?? 'unknown',
      remoteName: from.display_name ?? undefined,
      now: this.now(),
      waiting: !replaces && [...this.calls.values()].some((call) => call.snapshot.phase !== 'ended'),
    });
    const snapshot = { ...base, ...info };
    this.calls.set(callId, { session, snapshot, media: {}, postDial: [] });
    this.reports.call(snapshot);
    this.watch(callId, session);
    this.updateTones();
    // An attended transfer to us: the caller takes the place of our consultation call, without ringing.
    if (replaces) setTimeout(() => this.answer(callId), 0);
  }

  /** The far side transferred us (REFER): we call the target, and leave the old call once it answers. */
  private onReferred(callId: string, event: { request: unknown; accept: (...args: unknown[]) => void }): void {
    const target = referTarget(event.request as Parameters<typeof referTarget>[0]);
    event.accept(
      (session: RTCSession) => {
        const newCallId = this.newId();
        const by = this.calls.get(callId)?.snapshot;
        const snapshot = newCall({
          id: newCallId,
          direction: 'outgoing',
          remoteNumber: target,
          now: this.now(),
          transferredBy: by ? by.remoteName?.trim() || by.remoteNumber : undefined,
        });
        this.calls.set(newCallId, { session, snapshot, media: {}, postDial: [] });
        this.reports.call(snapshot);
        this.watch(newCallId, session);
        session.on('confirmed', () => this.hangup(callId));
      },
      {
        mediaConstraints: this.devices.mediaConstraints(),
        pcConfig: PC_CONFIG,
        rtcOfferConstraints: { offerToReceiveAudio: true, offerToReceiveVideo: false },
      },
    );
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
    session.on('accepted', () => {
      this.update(callId, { type: 'accepted' });
      this.applyMediaFor(callId);
    });
    session.on('confirmed', () => {
      this.update(callId, { type: 'confirmed' });
      this.applyMediaFor(callId);
      this.watchQuality(callId);
      const call = this.calls.get(callId);
      if (call && session.connection && !call.stopMediaWatch) {
        const held = () => Boolean(call.snapshot.held || call.snapshot.remoteHeld);
        call.stopMediaWatch = watchMediaFlow(session.connection, held, () => {
          this.update(callId, { type: 'ended', originator: 'system', cause: MEDIA_LOST_CAUSE });
          if (!session.isEnded()) session.terminate();
        });
      }
      if (call && !call.postDialStarted) {
        call.postDialStarted = true;
        this.runPostDial(callId);
      }
    });
    // JsSIP has just (un)muted every sender track for the hold state; applyMedia puts ours right.
    const side = (originator: unknown) => (String(originator) === 'local' ? 'local' : 'remote');
    session.on('hold', ({ originator }) => {
      this.update(callId, { type: 'hold', originator: side(originator), held: true });
      this.applyMediaFor(callId);
    });
    session.on('unhold', ({ originator }) => {
      this.update(callId, { type: 'hold', originator: side(originator), held: false });
      this.applyMediaFor(callId);
    });
    const onDtmf = (event: { originator: unknown; dtmf: { tone: string } }) => {
      if (side(event.originator) === 'remote') this.update(callId, { type: 'dtmfReceived', digit: event.dtmf.tone });
    };
    session.on('newDTMF', onDtmf as DTMFListener);
    session.on('refer', (event) =>
      this.onReferred(callId, event as unknown as Parameters<PhoneEngine['onReferred']>[1]),
    );
    session.on('replaces', (event) =>
      event.accept((replacement: RTCSession) => this.replacements.set(replacement, callId)),
    );
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

  /** Follows a dial string's plan: pauses, digits, or a stop until the user confirms. */
  private runPostDial(callId: string): void {
    const call = this.calls.get(callId);
    if (!call) return;
    const step = call.postDial.shift();
    if (!step) return;
    if (step.kind === 'pause') {
      call.postDialTimer = setTimeout(() => this.runPostDial(callId), step.ms);
    } else if (step.kind === 'confirm') {
      this.update(callId, { type: 'pendingDigits', digits: step.digits });
    } else {
      this.sendDtmf(callId, step.digits);
      this.runPostDial(callId);
    }
  }

  private applyMediaFor(callId: string): void {
    const call = this.calls.get(callId);
    if (call) this.applyMedia(call);
  }

  /**
   * Puts the outgoing audio in line with the snapshot: hold music while we hold the call,
   * otherwise the microphone, enabled unless muted (a disabled track sends silence).
   */
  private applyMedia(call: ActiveCall): void {
    const media = call.media;
    const connection = call.session.connection;
    if (!media.sender && connection) {
      const sender = connection.getSenders().find((candidate) => candidate.track?.kind === 'audio');
      if (sender) {
        media.sender = sender;
        // The sent track goes through the device manager, so microphones can change mid-call.
        media.mic = sender.track ? this.devices.adoptMicrophone(call.snapshot.id, sender.track) : null;
      }
    }
    const { sender, mic } = media;
    if (!sender) return;
    const snapshot = call.snapshot;
    if (mic) mic.enabled = !snapshot.muted && !snapshot.held;
    if (snapshot.held && snapshot.phase !== 'ended') {
      media.music ??= new HoldMusic(this.tones.audioContext());
      media.music.track.enabled = true;
      if (sender.track !== media.music.track) void sender.replaceTrack(media.music.track);
    } else {
      if (sender.track !== mic) void sender.replaceTrack(mic ?? null);
      media.music?.stop();
      delete media.music;
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
      clearTimeout(call.postDialTimer);
      call.quality?.stop();
      this.devices.releaseMicrophone(callId);
      call.stopMediaWatch?.();
      call.media.music?.stop();
      this.calls.delete(callId);
      this.audio.detach(callId);
    }
    this.reports.call(next);
    this.updateTones();
  }

  private watchQuality(callId: string): void {
    const call = this.calls.get(callId);
    if (!call || call.quality) return;
    call.quality = new CallQualityWatch(
      () => call.session.connection,
      (quality, qualitySummary) => {
        if (this.calls.get(callId) !== call || call.snapshot.phase === 'ended') return;
        call.snapshot = { ...call.snapshot, quality, qualitySummary };
        this.reports.call(call.snapshot);
      },
    );
  }

  private updateTones(): void {
    const phases = [...this.calls.values()].map((call) => call.snapshot.phase);
    const talking = phases.some((phase) => phase === 'connected' || phase === 'connecting');
    if (phases.includes('incoming') && talking) this.tones.play('waiting');
    else if (phases.includes('incoming')) this.tones.play('ring');
    else if (phases.includes('ringing') && !talking) this.tones.play('ringback');
    else this.tones.stop();
  }

  private reportConnection(state: RegistrationState): void {
    this.reports.registration(this.offline ? { status: 'offline' } : state);
  }

  /**
   * Re-INVITE with fresh ICE credentials so media finds the new network path (RFC 8445 9); a
   * glare with the far end's own restart is waited out instead of ending the call.
   */
  private restartIce(): void {
    this.iceRestartDue = false;
    for (const call of this.calls.values()) {
      if (call.snapshot.phase !== 'connected') continue;
      reinvite(call.session, {
        iceRestart: true,
        onDone: (outcome) => {
          if (outcome === 'gave-up') console.warn(`[engine] ICE restart not possible (${call.snapshot.id})`);
        },
      });
    }
  }

  private fail(ua: JsSIP.UA, state: RegistrationState): void {
    if (this.ua !== ua) return;
    this.ua = null;
    clearTimeout(this.connectTimer);
    ua.stop();
    this.reports.registration(state);
  }
}
