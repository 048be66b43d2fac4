/**
 * Keypad digits into a call: typed ones, a dial string's digits after its pauses, and those it held back
 * until the user confirms. RFC 4733 telephone-events when the agreed SDP has one on our audio's clock
 * (dtmf-sdp.ts), else SIP INFO, so no phone counts a digit three times.
 */
import type { DTMF_TRANSPORT } from 'jssip/lib/Constants.js';
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { ActiveCall } from './active-call.ts';
import type { CallEvent } from './call-state.ts';
import { attempt } from './engine-log.ts';
import type { TonePlayer } from './tones.ts';

export type CallKeypadDeps = {
  call(callId: string): ActiveCall | undefined;
  tones: TonePlayer;
  /** The account's choice: 'info' always sends SIP INFO. */
  dtmfMode(): string | undefined;
  update(callId: string, event: CallEvent): void;
};

export class CallKeypad {
  private readonly deps: CallKeypadDeps;

  constructor(deps: CallKeypadDeps) {
    this.deps = deps;
  }

  send(callId: string, digits: string): void {
    const call = this.deps.call(callId);
    if (!call || call.snapshot.phase !== 'connected') return;
    if (digits.length === 1) this.deps.tones.keyFeedback(digits);
    // No telephone-event on our audio's clock was agreed (dtmf-sdp.ts): SIP INFO rather than digits miscounted.
    const inAudio = this.deps.dtmfMode() !== 'info' && canSendTelephoneEvents(call.session);
    attempt('send DTMF', () =>
      call.session.sendDTMF(digits, {
        transportType: (inAudio ? 'RFC2833' : 'INFO') as DTMF_TRANSPORT,
        duration: 120,
        interToneGap: 80,
      }),
    );
  }

  /** The user confirmed the digits a dial string held back after ";". */
  sendPending(callId: string): void {
    const digits = this.deps.call(callId)?.snapshot.pendingDigits;
    if (!digits) return;
    this.deps.update(callId, { type: 'pendingDigits', digits: null });
    this.send(callId, digits);
    this.runPostDial(callId);
  }

  /** Follows a dial string's plan: pauses, digits, or a stop until the user confirms. */
  runPostDial(callId: string): void {
    const call = this.deps.call(callId);
    if (!call) return;
    const step = call.postDial.shift();
    if (!step) return;
    if (step.kind === 'pause') {
      call.postDialTimer = setTimeout(() => this.runPostDial(callId), step.ms);
    } else if (step.kind === 'confirm') {
      this.deps.update(callId, { type: 'pendingDigits', digits: step.digits });
    } else {
      this.send(callId, step.digits);
      this.runPostDial(callId);
    }
  }
}

/** Whether the call's audio sender may carry RFC 4733 events (the agreed SDP has one it can use). */
function canSendTelephoneEvents(session: RTCSession): boolean {
  // Only audio senders have an RTCDTMFSender.
  const dtmf = session.connection?.getSenders().find((sender) => sender.dtmf)?.dtmf;
  return dtmf?.canInsertDTMF ?? false;
}
