/**
 * Which in-call controls apply to a call now. Shared by the UI (to enable buttons)
 * and main (to refuse a verb that cannot apply), so the two never disagree.
 */
import type { CallSnapshot } from './domain.ts';

export type CallControls = { mute: boolean; hold: boolean; keypad: boolean; sendPending: boolean; transfer: boolean };

export function callControls(
  call: Pick<CallSnapshot, 'phase' | 'held' | 'pendingDigits' | 'transfer' | 'consultFor'>,
): CallControls {
  const live = call.phase !== 'ended' && call.phase !== 'incoming';
  const talking = call.phase === 'connected';
  const transferring = call.transfer?.status === 'trying' || call.transfer?.status === 'done';
  return {
    // The microphone exists from the moment we dial or answer.
    mute: live,
    hold: talking && !transferring,
    // Digits go into the call's audio or signalling: only once it is up and not held by us.
    keypad: talking && !call.held,
    sendPending: talking && !call.held && Boolean(call.pendingDigits),
    // A call can be handed on once it is answered, once at a time; a consultation call is not itself transferred.
    transfer: talking && !transferring && !call.consultFor,
  };
}
