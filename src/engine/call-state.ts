/**
 * The call state machine: pure, so every transition and outcome rule is unit-tested
 * without SIP or WebRTC. The engine feeds it what JsSIP reports.
 */
import type { CallDirection, CallOutcome, CallSnapshot } from '../shared/domain.ts';

export type CallEvent =
  | { type: 'progress' } // 18x for outgoing
  | { type: 'answering' } // we accepted an incoming call; media being set up
  | { type: 'accepted' } // 2xx sent or received
  | { type: 'confirmed' } // ACK: talking
  | { type: 'ended'; originator: 'local' | 'remote' | 'system'; cause: string }
  | { type: 'failed'; originator: 'local' | 'remote' | 'system'; cause: string };

export function newCall(input: {
  id: string;
  direction: CallDirection;
  remoteNumber: string;
  remoteName?: string | undefined;
  now: number;
}): CallSnapshot {
  return {
    id: input.id,
    direction: input.direction,
    phase: input.direction === 'incoming' ? 'incoming' : 'dialing',
    remoteNumber: input.remoteNumber,
    ...(input.remoteName ? { remoteName: input.remoteName } : {}),
    startedAt: input.now,
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
      return { ...call, phase: 'ended', endedAt: now, outcome: 'answered', endReason: event.cause };
    case 'failed':
      return {
        ...call,
        phase: 'ended',
        endedAt: now,
        outcome: failureOutcome(call, event.originator, event.cause),
        endReason: event.cause,
      };
  }
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
