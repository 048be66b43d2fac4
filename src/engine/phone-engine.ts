/**
 * The phone engine: one JsSIP user agent, its calls and their media. Framework-free;
 * it runs in the hidden engine window that main owns, and talks to main only
 * through the callbacks it is given. It holds the calls and carries out the user's
 * intents on them; the user agent's life (sip-registration.ts), each session's events
 * (session-events.ts), media (call-media.ts) and transfers (call-transfers.ts) are
 * their own modules.
 */
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { IncomingRequest } from 'jssip/lib/SIPMessage.js';
import { readSwitchboardHeaders } from './switchboard-headers.ts';
import { reinvite } from './reinvite.ts';
import type { AudioStatus } from '../shared/audio.ts';
import type { CallSnapshot, RegistrationState } from '../shared/domain.ts';
import type { EngineAccount } from '../shared/ipc/contract.ts';
import { planPostDial } from '../shared/dial-string.ts';
import { callOptions, PC_CONFIG, type ActiveCall } from './active-call.ts';
import { applyCallEvent, newCall, type CallEvent } from './call-state.ts';
import { AudioDevices } from './audio-devices.ts';
import { CallMediaControl } from './call-media.ts';
import { CallTransfers } from './call-transfers.ts';
import { toSipUri } from './dial-target.ts';
import { attempt, engineLog } from './engine-log.ts';
import { CallKeypad } from './call-keypad.ts';
import { InboundSip, type InboundSipCounts } from './inbound-sip.ts';
import { MEDIA_LOST_CAUSE, watchMediaFlow } from './media-watchdog.ts';
import { MEDIA_LOST_REASON_HEADER } from '../shared/end-reasons.ts';
import { RemoteAudio } from './remote-audio.ts';
import { followSession, type IceGathering } from './session-events.ts';
import type { KeepaliveOptions } from './keepalive-socket.ts';
import { SipRegistration } from './sip-registration.ts';
import { TonePlayer } from './tones.ts';

export type PhoneEngineReports = {
  registration(state: RegistrationState): void;
  call(snapshot: CallSnapshot): void;
  /** Devices present and in use, whenever they change. */
  audio?(status: AudioStatus): void;
};

export type PhoneEngineOptions = {
  now?: () => number;
  newId?: () => string;
  iceGathering?: IceGathering;
  /** Benchmarks only: the keepalive's timings (bench:footprint compresses a day's idle pings). */
  keepalive?: Partial<KeepaliveOptions>;
};

export class PhoneEngine {
  /** A network change happened: once registered again, calls restart ICE on the new path. */
  private iceRestartDue = false;
  private readonly calls = new Map<string, ActiveCall>();
  private readonly audio = new RemoteAudio();
  private readonly tones = new TonePlayer();
  /** Checks every SIP message before JsSIP sees it; one for the engine's life, so its counts add up. */
  private readonly inbound = new InboundSip();
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
  private readonly media = new CallMediaControl(this.devices, this.audio, this.tones);
  private readonly keypad = new CallKeypad({
    call: (callId) => this.calls.get(callId),
    tones: this.tones,
    dtmfMode: () => this.registration.account?.dtmfMode,
    update: (callId, event) => this.update(callId, event),
  });
  private readonly registration: SipRegistration;
  private readonly transfers: CallTransfers;
  private readonly reports: PhoneEngineReports;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly iceGathering: IceGathering;

  constructor(reports: PhoneEngineReports, options: PhoneEngineOptions = {}) {
    this.reports = reports;
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.iceGathering = options.iceGathering ?? 'policy';
    this.registration = new SipRegistration(
      {
        state: (state) => this.reports.registration(state),
        registered: () => {
          if (this.iceRestartDue) this.restartIce();
        },
        incoming: (session, request) => this.onIncoming(session, request),
      },
      this.inbound,
      options.keepalive,
    );
    this.transfers = new CallTransfers({
      call: (callId) => this.calls.get(callId),
      domain: () => this.registration.account?.domain ?? null,
      update: (callId, event) => this.update(callId, event),
      hangup: (callId) => this.hangup(callId),
      adopt: (session, snapshot) => {
        this.calls.set(snapshot.id, { session, snapshot, media: {}, postDial: [] });
        this.reports.call(snapshot);
        this.watch(snapshot.id, session);
      },
      mediaConstraints: () => this.devices.mediaConstraints(),
      announceTransfer: (callId) => this.announceTransfer(callId),
      newId: this.newId,
      now: this.now,
    });
  }

  register(account: EngineAccount): void {
    this.unregister();
    this.registration.register(account);
  }

  unregister(): void {
    if (!this.registration.userAgent) return;
    for (const call of this.calls.values()) attempt('end the call', () => call.session.terminate());
    this.registration.unregister();
  }

  dial(
    callId: string,
    target: string,
    {
      postDial = '',
      consultFor,
      remoteName,
    }: { postDial?: string | undefined; consultFor?: string | undefined; remoteName?: string | undefined } = {},
  ): void {
    const ua = this.registration.userAgent;
    const account = this.registration.account;
    const snapshot = newCall({
      id: callId,
      direction: 'outgoing',
      remoteNumber: target.trim(),
      remoteName,
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
    // Talk first: the held caller hears "Transferring, please wait", then the hold music.
    if (snapshot.consultFor) void this.announceTransfer(snapshot.consultFor);
    try {
      active.session = ua.call(toSipUri(target, account.domain), callOptions(this.devices.mediaConstraints()));
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
    const answered = attempt('answer', () =>
      call.session.answer({ mediaConstraints: this.devices.mediaConstraints(), pcConfig: PC_CONFIG }),
    );
    // JsSIP refused (the far side gave up a moment ago, say): the call ends rather than hang in "answering".
    if (!answered) {
      this.update(callId, { type: 'failed', originator: 'local', cause: 'Could not answer' });
      if (!call.session.isEnded()) attempt('end the call', () => call.session.terminate());
    }
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
    attempt('decline', () => call.session.terminate({ status_code: 486, reason_phrase: 'Busy Here' }));
  }

  hangup(callId: string): void {
    const call = this.calls.get(callId);
    if (!call || call.session.isEnded()) return;
    attempt('hang up', () => call.session.terminate());
  }

  mute(callId: string, muted: boolean): void {
    const call = this.calls.get(callId);
    if (!call) return;
    this.update(callId, { type: 'muted', muted });
    this.media.apply(call);
  }

  /**
   * Hold by re-INVITE (a=sendonly), sending hold music; resume restores the microphone. With the
   * contact-center hold (`listening`: main asks the company's setting, else Settings › Audio) there is no re-INVITE: the media stays sendrecv, the
   * music replaces our voice and the caller's audio keeps playing to us (docs/adr/0005-listening-hold.md).
   */
  hold(callId: string, held: boolean, listeningHold = false): void {
    const call = this.calls.get(callId);
    if (!call || call.snapshot.phase !== 'connected') return;
    const listening = held ? listeningHold && !call.snapshot.held : Boolean(call.listeningHold);
    if (listening) {
      call.listeningHold = held;
      this.update(callId, { type: 'hold', originator: 'local', held, listening: true });
      this.applyMedia(callId);
      return;
    }
    // JsSIP emits 'hold'/'unhold' (handled in watch) synchronously, before the re-INVITE goes out.
    const started = held ? call.session.hold() : call.session.unhold();
    if (!started) engineLog.warn('Hold not possible now', { callId, held });
  }

  /** Keypad digits into the call (call-keypad.ts). */
  sendDtmf(callId: string, digits: string): void {
    this.keypad.send(callId, digits);
  }

  /** The user confirmed the digits a dial string held back after ";". */
  sendPendingDigits(callId: string): void {
    this.keypad.sendPending(callId);
  }

  /** "Transferring, please wait" to the caller being handed on; resolves once it has played. */
  private announceTransfer(callId: string): Promise<void> {
    const call = this.calls.get(callId);
    return call ? this.media.announceTransfer(call) : Promise.resolve();
  }

  transfer(callId: string, target: string): void {
    void this.transfers.blind(callId, target);
  }

  completeTransfer(callId: string, consultCallId: string): void {
    this.transfers.complete(callId, consultCallId);
  }

  /**
   * The OS network came back, changed, or the machine woke up: reconnect now rather than at
   * the next scheduled retry, and restart ICE in calls once registered again.
   */
  networkChanged(reason: 'online' | 'resume'): void {
    this.iceRestartDue = this.calls.size > 0;
    this.registration.networkChanged(reason);
  }

  /** The OS says there is no network: say so instead of counting down retries that cannot work. */
  networkLost(): void {
    this.registration.networkLost();
  }

  /** For diagnostics and tests in the engine page: send a REGISTER refresh now. */
  refreshRegistration(): void {
    this.registration.refresh();
  }

  /** For diagnostics and tests in the engine page: SIP messages received, dropped, answered. */
  inboundSipCounts(): InboundSipCounts {
    return { ...this.inbound.counts };
  }

  /** For diagnostics and tests in the engine page: the call's media connection. */
  peerConnection(callId: string): RTCPeerConnection | undefined {
    return this.calls.get(callId)?.session.connection ?? undefined;
  }

  /** For diagnostics and tests in the engine page: which devices each call's audio uses now. */
  audioRoute(): {
    captures: Record<string, string>;
    speakers: Record<string, string>;
    ringer: string | null;
    tone: string | null;
  } {
    return {
      captures: this.devices.captureLabels(),
      speakers: this.audio.sinks(),
      ringer: this.tones.ringerSinkId(),
      tone: this.tones.tone(),
    };
  }

  /**
   * A chat offered to the agent (manual accept) rings like a call, on the same ringer and volume, until
   * it is accepted, lapses or goes; a ringing call or one in progress decides the tone first.
   */
  chatOfferRing(ringing: boolean): void {
    this.chatRinging = ringing;
    this.updateTones();
  }

  private onIncoming(session: RTCSession, request: IncomingRequest): void {
    const info = readSwitchboardHeaders((name) => (request.hasHeader(name) ? request.getHeader(name) : undefined));
    const callId = this.newId();
    const replaces = this.transfers.replaces(session);
    const base = newCall({
      id: callId,
      direction: 'incoming',
      remoteNumber: request.from.uri.user ?? 'unknown',
      remoteName: request.from.display_name ?? undefined,
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

  /** Follows a session's events into its call's snapshot and media. */
  private watch(callId: string, session: RTCSession): void {
    followSession(
      session,
      {
        event: (event) => this.update(callId, event),
        media: () => this.applyMedia(callId),
        connection: (connection) => {
          const call = this.calls.get(callId);
          if (call) this.media.watchConnection(call, connection);
        },
        confirmed: () => this.onConfirmed(callId, session),
        refer: (event) => this.transfers.referred(callId, event),
        replaces: (event) => this.transfers.replacing(callId, event),
      },
      { iceGathering: this.iceGathering, now: this.now, callId },
    );
  }

  /** Connected: quality meter, the watch for audio that stops, and what the dial string wants next. */
  private onConfirmed(callId: string, session: RTCSession): void {
    const call = this.calls.get(callId);
    if (!call) return;
    this.media.watchQuality(call, (snapshot) => {
      if (this.calls.get(callId) === call) this.reports.call(snapshot);
    });
    if (session.connection && !call.stopMediaWatch) {
      const held = () => Boolean(call.snapshot.held || call.snapshot.remoteHeld);
      call.stopMediaWatch = watchMediaFlow(session.connection, held, () => {
        this.update(callId, { type: 'ended', originator: 'system', cause: MEDIA_LOST_CAUSE });
        if (!session.isEnded()) {
          attempt('end the call', () => session.terminate({ extraHeaders: [MEDIA_LOST_REASON_HEADER] }));
        }
      });
    }
    if (!call.postDialStarted) {
      call.postDialStarted = true;
      this.keypad.runPostDial(callId);
    }
  }

  private applyMedia(callId: string): void {
    const call = this.calls.get(callId);
    if (call) this.media.apply(call);
  }

  private update(callId: string, event: CallEvent): void {
    const call = this.calls.get(callId);
    if (!call) return;
    const next = applyCallEvent(call.snapshot, event, this.now());
    if (next === call.snapshot) return;
    call.snapshot = next;
    if (next.phase === 'ended') {
      clearTimeout(call.postDialTimer);
      this.media.release(call);
      this.calls.delete(callId);
    }
    this.reports.call(next);
    this.updateTones();
    this.updateHearing();
  }

  /** A call on listening hold is heard while it is the only call we are in, not over the next one. */
  private updateHearing(): void {
    const calls = [...this.calls.values()];
    const talking = calls.some((call) => call.snapshot.phase === 'connected' && !call.snapshot.held);
    for (const call of calls) this.audio.setHeard(call.snapshot.id, !(call.listeningHold && talking));
  }

  private chatRinging = false;

  private updateTones(): void {
    const phases = [...this.calls.values()].map((call) => call.snapshot.phase);
    const talking = phases.some((phase) => phase === 'connected' || phase === 'connecting');
    if (phases.includes('incoming') && talking) this.tones.play('waiting');
    else if (phases.includes('incoming')) this.tones.play('ring');
    else if (phases.includes('ringing') && !talking) this.tones.play('ringback');
    // A chat offer during a call: the quiet call-waiting beep, so the caller is not drowned out.
    else if (this.chatRinging) this.tones.play(talking ? 'waiting' : 'ring');
    else this.tones.stop();
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
          if (outcome === 'gave-up') engineLog.warn('ICE restart not possible', { callId: call.snapshot.id });
        },
      });
    }
  }
}
