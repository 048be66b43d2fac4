/**
 * The call state machine: pure, so every transition and outcome rule is unit-tested
 * without SIP or WebRTC. The engine feeds it what JsSIP reports.
 */
import type { CallDirection, CallOutcome, CallSnapshot, TransferKind } from '../shared/domain.ts';

export type CallEvent =
  | { type: 'progress' } // 18x for outgoing
  | { type: 'answering' } // we accepted an incoming call; media being set up
  | { type: 'accepted' } // 2xx sent or received
  | { type: 'confirmed' } // ACK: talking
  | { type: 'ended'; originator: 'local' | 'remote' | 'system'; cause: string }
  | { type: 'failed'; originator: 'local' | 'remote' | 'system'; cause: string }
  | { type: 'muted'; muted: boolean } // our microphone off/on
  // re-INVITE put on / took off hold; `listening`: our contact-center hold, without one
  | { type: 'hold'; originator: 'local' | 'remote'; held: boolean; listening?: boolean }
  | { type: 'pendingDigits'; digits: string | null } // dial string digits waiting for "Send"
  | { type: 'dtmfReceived'; digit: string } // the far side sent a keypad digit by SIP INFO
  | { type: 'transferStarted'; kind: TransferKind; target: string } // REFER sent
  | { type: 'transferResult'; ok: true } // the target answered (NOTIFY 2xx): our leg ends next
  | { type: 'transferResult'; ok: false; reason: string }; // REFER refused or the target did not answer

const RECEIVED_DIGITS_KEPT = 32;

export function newCall(input: {
  id: string;
  direction: CallDirection;
  remoteNumber: string;
  remoteName?: string | undefined;
  now: number;
  /** The consultation call of an attended transfer of that call. */
  consultFor?: string | undefined;
  /** It arrived while another call was up. */
  waiting?: boolean | undefined;
  /** Who transferred us to this call. */
  transferredBy?: string | undefined;
}): CallSnapshot {
  return {
    id: input.id,
    direction: input.direction,
    phase: input.direction === 'incoming' ? 'incoming' : 'dialing',
    remoteNumber: input.remoteNumber,
    ...(input.remoteName ? { remoteName: input.remoteName } : {}),
    startedAt: input.now,
    ...(input.consultFor ? { consultFor: input.consultFor } : {}),
    ...(input.waiting ? { waiting: true } : {}),
    ...(input.transferredBy ? { transferredBy: input.transferredBy.slice(0, 128) } : {}),
  };
}

/** Returns the next snapshot; events that do not apply in the current phase leave it unchanged. */
export function applyCallEvent(call: CallSnapshot, event: CallEvent, now: number): CallSnapshot {
  if (call.phase === 'ended') return call;
  switch (event.type) {
    case 'progress':
      return call.phase === 'dialing' ? { ...call, phase: 'ringing' } : call;
    case 'answering':
      return call.phase === 'incoming' ? { ...call, phase: 'connecting' } : call;
    case 'accepted':
      if (call.phase === 'connected') return call;
      return { ...call, phase: 'connecting', answeredAt: call.answeredAt ?? now };
    case 'confirmed':
      return { ...call, phase: 'connected', answeredAt: call.answeredAt ?? now };
    case 'ended':
      return { ...withoutLiveFlags(call), phase: 'ended', endedAt: now, outcome: 'answered', endReason: event.cause };
    case 'failed':
      return {
        ...withoutLiveFlags(call),
        phase: 'ended',
        endedAt: now,
        outcome: failureOutcome(call, event.originator, event.cause),
        endReason: event.cause,
      };
    case 'muted':
      if (call.phase === 'incoming' || Boolean(call.muted) === event.muted) return call;
      return withFlag(call, 'muted', event.muted);
    case 'hold': {
      if (call.phase !== 'connected' && call.phase !== 'connecting') return call;
      const key = event.originator === 'local' ? 'held' : 'remoteHeld';
      if (Boolean(call[key]) === event.held) return call;
      const flagged = withFlag(call, key, event.held);
      const next =
        key === 'held' ? withFlag(flagged, 'holdListening', event.held && Boolean(event.listening)) : flagged;
      return event.held ? { ...next, wasHeld: true } : next;
    }
    case 'pendingDigits': {
      if ((call.pendingDigits ?? null) === event.digits) return call;
      const { pendingDigits: _, ...rest } = call;
      return event.digits ? { ...rest, pendingDigits: event.digits } : rest;
    }
    case 'dtmfReceived':
      if (!/^[0-9*#A-D]$/i.test(event.digit)) return call;
      return { ...call, receivedDigits: ((call.receivedDigits ?? '') + event.digit).slice(-RECEIVED_DIGITS_KEPT) };
    case 'transferStarted':
      if (call.phase !== 'connected' || call.transfer?.status === 'trying') return call;
      return { ...call, transfer: { kind: event.kind, target: event.target, status: 'trying' } };
    case 'transferResult':
      if (call.transfer?.status !== 'trying') return call;
      return {
        ...call,
        transfer: event.ok
          ? { ...call.transfer, status: 'done' }
          : { ...call.transfer, status: 'failed', reason: event.reason.slice(0, 128) },
      };
  }
}

/**
 * An ended call is neither muted nor held nor waiting for digits; wasHeld stays for the call log,
 * and so does a transfer that went through (one still trying or failed did not happen).
 */
function withoutLiveFlags(call: CallSnapshot): CallSnapshot {
  const { muted: _m, held: _h, holdListening: _l, remoteHeld: _r, pendingDigits: _p, transfer, ...rest } = call;
  return transfer?.status === 'done' ? { ...rest, transfer } : rest;
}

/** Sets a true flag, or removes it when false: snapshots carry only flags that are on. */
function withFlag(
  call: CallSnapshot,
  key: 'muted' | 'held' | 'holdListening' | 'remoteHeld',
  on: boolean,
): CallSnapshot {
  const { [key]: _, ...rest } = call;
  return on ? { ...rest, [key]: true } : rest;
}

/** Maps a JsSIP failure cause to what the user did or what happened to them. */
export function failureOutcome(
  call: CallSnapshot,
  originator: 'local' | 'remote' | 'system',
  cause: string,
): CallOutcome {
  if (call.answeredAt !== undefined) return 'answered';
  if (call.direction === 'incoming') {
    if (originator === 'local' && (cause === 'Rejected' || cause === 'Busy')) return 'declined';
    if (call.phase === 'connecting') return 'failed';
    return 'missed';
  }
  if (originator === 'local' && cause === 'Canceled') return 'cancelled';
  switch (cause) {
    case 'Busy':
      return 'busy';
    case 'Rejected':
      return 'declined';
    case 'No Answer':
    case 'Request Timeout':
    case 'Expires':
      return 'no-answer';
    default:
      return 'failed';
  }
}

/** Whole seconds of conversation, 0 if never answered. */
export function talkSeconds(call: Pick<CallSnapshot, 'answeredAt' | 'endedAt'>, now: number): number {
  if (call.answeredAt === undefined) return 0;
  return Math.max(0, Math.floor(((call.endedAt ?? now) - call.answeredAt) / 1000));
}
