/**
 * Rules for more than one call at a time (call waiting, a second outgoing call, the
 * consultation before an attended transfer): which call the screen shows, which calls
 * go on hold when another is answered, dialled or switched to, and when an attended
 * transfer can be completed. Pure, shared by main (which acts on them) and the UI.
 */
import type { CallSnapshot } from './domain.ts';

type Call = Pick<CallSnapshot, 'id' | 'phase' | 'held' | 'consultFor' | 'transfer' | 'startedAt'>;

const LIVE_PHASES: ReadonlySet<CallSnapshot['phase']> = new Set(['dialing', 'ringing', 'connecting', 'connected']);

/** Calls we are in or setting up (not ringing here, not over). */
export function liveCalls<C extends Call>(calls: readonly C[]): C[] {
  return calls.filter((call) => LIVE_PHASES.has(call.phase));
}

/**
 * The call the in-call screen is about: the one we talk on (not held by us), else the newest
 * held one. A call ringing here is shown separately, on top.
 */
export function foregroundCall<C extends Call>(calls: readonly C[]): C | undefined {
  const live = liveCalls(calls);
  return live.findLast((call) => !call.held) ?? live.at(-1);
}

/** The other calls on the in-call screen, shown as a strip to switch to. */
export function backgroundCalls<C extends Call>(calls: readonly C[]): C[] {
  const shown = foregroundCall(calls);
  return liveCalls(calls).filter((call) => call !== shown);
}

/**
 * Before we answer, dial or switch to `callId`: the other calls we are talking on go on hold,
 * so only one call at a time has our microphone. Calls still being set up are left alone.
 */
export function callsToHold(calls: readonly Call[], callId: string | null): string[] {
  return calls
    .filter((call) => call.id !== callId && call.phase === 'connected' && !call.held)
    .filter((call) => call.transfer?.status !== 'trying' && call.transfer?.status !== 'done')
    .map((call) => call.id);
}

/** Switching to a held call: hold the others, then resume it. Null when it cannot be switched to. */
export function switchPlan(calls: readonly Call[], callId: string): { hold: string[]; resume: string | null } | null {
  const target = calls.find((call) => call.id === callId);
  if (!target || target.phase !== 'connected') return null;
  return { hold: callsToHold(calls, callId), resume: target.held ? callId : null };
}

/**
 * The attended transfer a consultation call can complete: the held call it consults about,
 * when both are up and no transfer of it is under way. Null otherwise.
 */
export function attendedTransferPair(
  calls: readonly Call[],
  consultCallId: string,
): { callId: string; consultCallId: string } | null {
  const consult = calls.find((call) => call.id === consultCallId);
  if (!consult?.consultFor || consult.phase !== 'connected') return null;
  const original = calls.find((call) => call.id === consult.consultFor);
  if (!original || original.phase !== 'connected' || original.transfer?.status === 'trying') return null;
  return { callId: original.id, consultCallId };
}
