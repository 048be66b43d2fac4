/**
 * Transfers as the user and the app see them: ours (blind, or attended after a consultation
 * call) and the far side's (it REFERs us to someone, or an attended transfer to us replaces
 * our consultation call). The SIP of it is in transfer.ts; this keeps the calls' snapshots
 * right around it, and never lets a hostile REFER throw out of the engine.
 */
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { CallSnapshot } from '../shared/domain.ts';
import { callControls } from '../shared/call-controls.ts';
import { callOptions, type ActiveCall } from './active-call.ts';
import { newCall, type CallEvent } from './call-state.ts';
import { toSipUri } from './dial-target.ts';
import { engineLog } from './engine-log.ts';
import { referTarget, resumeWhenReady, sendTransfer, type TransferOutcome } from './transfer.ts';

/** What transfers need of the engine that holds the calls. */
export type TransferHost = {
  call(callId: string): ActiveCall | undefined;
  /** The SIP domain numbers are dialled in, while signed in. */
  domain(): string | null;
  update(callId: string, event: CallEvent): void;
  hangup(callId: string): void;
  /** A call JsSIP started for us (we were transferred): the engine follows it like any other. */
  adopt(session: RTCSession, snapshot: CallSnapshot): void;
  mediaConstraints(): MediaStreamConstraints;
  /** Plays "Transferring, please wait" to the other party of the call; resolves once it has played. */
  announceTransfer(callId: string): Promise<void>;
  newId(): string;
  now(): number;
};

/** The 'refer' event of a JsSIP session. */
export type ReferEvent = {
  request: unknown;
  accept(initCallback: (session: RTCSession) => void, options: object): void;
  reject(): void;
};

/** The 'replaces' event of a JsSIP session: an INVITE with Replaces is coming for it. */
export type ReplacesEvent = { accept(initCallback: (session: RTCSession) => void): void };

export class CallTransfers {
  private readonly host: TransferHost;
  /** Sessions JsSIP made to replace a call of ours (INVITE with Replaces): answered at once. */
  private readonly replacements = new WeakMap<RTCSession, string>();

  constructor(host: TransferHost) {
    this.host = host;
  }

  /**
   * Blind transfer: the caller hears "Transferring, please wait", then waits on hold (hearing hold music)
   * while the far side calls the target; when the target answers our leg ends, and if it fails the caller
   * is back with us. The REFER waits for the announcement: once it is sent the far side may leave at once.
   */
  blind(callId: string, target: string): Promise<void> {
    const call = this.host.call(callId);
    const domain = this.host.domain();
    if (!call || !domain || !callControls(call.snapshot).transfer) return Promise.resolve();
    this.host.update(callId, { type: 'transferStarted', kind: 'blind', target: target.trim() });
    return this.host.announceTransfer(callId).then(() => {
      const now = this.host.call(callId);
      // Hung up (by either side) while the announcement played: nothing left to transfer.
      if (!now || now.snapshot.phase !== 'connected') return;
      const holdForTransfer = !now.snapshot.held;
      if (holdForTransfer) now.session.hold();
      sendTransfer(now.session, toSipUri(target, domain), (outcome) =>
        this.done(callId, outcome, { resume: holdForTransfer }),
      );
    });
  }

  /** Attended transfer: the held caller is asked to call the target in place of our consultation call. */
  complete(callId: string, consultCallId: string): void {
    const call = this.host.call(callId);
    const consult = this.host.call(consultCallId);
    if (!call || !consult || consult.snapshot.phase !== 'connected' || !callControls(call.snapshot).transfer) return;
    this.host.update(callId, { type: 'transferStarted', kind: 'attended', target: consult.snapshot.remoteNumber });
    sendTransfer(
      call.session,
      consult.session.remote_identity.uri.toString(),
      (outcome) => this.done(callId, outcome, { consultCallId }),
      { consultation: consult.session },
    );
  }

  /** The far side transferred us (REFER): we call the target, and leave the old call once it answers. */
  referred(callId: string, event: ReferEvent): void {
    const target = referTarget(event.request as Parameters<typeof referTarget>[0]);
    let adopted: string | undefined;
    try {
      event.accept((session: RTCSession) => {
        const by = this.host.call(callId)?.snapshot;
        const snapshot = newCall({
          id: this.host.newId(),
          direction: 'outgoing',
          remoteNumber: target,
          now: this.host.now(),
          transferredBy: by ? by.remoteName?.trim() || by.remoteNumber : undefined,
        });
        adopted = snapshot.id;
        this.host.adopt(session, snapshot);
        session.on('confirmed', () => this.host.hangup(callId));
      }, callOptions(this.host.mediaConstraints()));
    } catch (error) {
      // JsSIP refuses some targets by throwing (a Refer-To it cannot call): the referrer hears it failed.
      engineLog.warn('Transfer request refused', { callId, error: String(error) });
      if (adopted) this.host.update(adopted, { type: 'failed', originator: 'local', cause: 'Transfer failed' });
      event.reject();
    }
  }

  /** An attended transfer to us: remember whose place the coming INVITE with Replaces takes. */
  replacing(callId: string, event: ReplacesEvent): void {
    event.accept((replacement: RTCSession) => this.replacements.set(replacement, callId));
  }

  /** Whether `session` is an INVITE with Replaces taking the place of one of our calls. */
  replaces(session: RTCSession): boolean {
    return this.replacements.has(session);
  }

  private done(callId: string, outcome: TransferOutcome, after: { resume?: boolean; consultCallId?: string }): void {
    this.host.update(callId, { type: 'transferResult', ...outcome });
    const call = this.host.call(callId);
    if (outcome.ok) {
      // The caller and the target talk now: both our legs end (the target may already have ended the consultation).
      if (call && !call.session.isEnded()) call.session.terminate();
      if (after.consultCallId) this.host.hangup(after.consultCallId);
    } else if (after.resume && call && call.snapshot.phase === 'connected') {
      resumeWhenReady(call.session);
    }
  }
}
