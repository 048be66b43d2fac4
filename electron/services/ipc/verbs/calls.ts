/** The dial pad and the call screen. */
import type { UiHandlers, VerbTargets } from './types.ts';

export const callVerbs = ({ calls }: VerbTargets) =>
  ({
    dial: ({ target }) => calls.dial(target),
    answer: ({ callId }) => calls.answer(callId),
    decline: ({ callId }) => calls.decline(callId),
    hangup: ({ callId }) => calls.hangup(callId),
    mute: ({ callId, muted }) => calls.mute(callId, muted),
    hold: ({ callId, held }) => calls.hold(callId, held),
    sendDtmf: ({ callId, digits }) => calls.sendDtmf(callId, digits),
    sendPendingDigits: ({ callId }) => calls.sendPendingDigits(callId),
    transfer: ({ callId, target }) => calls.transfer(callId, target),
    consult: ({ callId, target }) => calls.consult(callId, target),
    completeTransfer: ({ callId }) => calls.completeTransfer(callId),
    cancelConsult: ({ callId }) => calls.cancelConsult(callId),
    switchCall: ({ callId }) => calls.switchCall(callId),
  }) satisfies Partial<UiHandlers>;
