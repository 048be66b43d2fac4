/**
 * The agent's status as a pure state machine: what the user chose, what calls set by themselves
 * (on a call, after-call work) and what the server pushed (Busy after a ring-out). Every step answers
 * the next state and, when the server must hear of it, the PUT /v1/status body to send. No timers,
 * no I/O: AppCore drives it, so each rule here is unit-tested on its own.
 */
import {
  NOT_RESPONDING,
  type AgentPolicy,
  type ChosenStatus,
  type Presence,
  type Status,
  type StatusRequest,
} from './presence.ts';

export type AgentStatusState = {
  chosen: ChosenStatus;
  chosenReason: string | null;
  /** Any call is connected (or being connected) right now. */
  inCall: boolean;
  /** After-call work runs until then (epoch ms); null when not in it. */
  acwUntil: number | null;
  /** The wrap-up code picked during the current (or last) after-call work; null until one is. */
  wrapUp: string | null;
  notice: 'not-responding' | null;
};

export type Step = { state: AgentStatusState; send: StatusRequest | null };
export type Refusal = { ok: false; reason: RefusalReason };
export type RefusalReason =
  | 'break-needs-reason'
  | 'unknown-break-reason'
  | 'offline-cannot-dial'
  | 'busy-in-call'
  | 'busy-in-after-call-work'
  | 'wrap-up-needs-code'
  | 'unknown-wrap-up-code'
  | 'no-after-call-work';

export const INITIAL_AGENT_STATUS: AgentStatusState = {
  chosen: 'available',
  chosenReason: null,
  inCall: false,
  acwUntil: null,
  wrapUp: null,
  notice: null,
};

/** What the window shows: calls and after-call work cover the chosen status while they last. */
export function shownStatus(state: AgentStatusState): { status: Status; reason: string | null } {
  if (state.inCall) return { status: 'on-call', reason: null };
  if (state.acwUntil !== null) return { status: 'after-call-work', reason: null };
  return { status: state.chosen, reason: state.chosenReason };
}

/** What the server should hold for us now (after sign-in, a restart or a reconnect). */
export function currentRequest(state: AgentStatusState): StatusRequest {
  const { status, reason } = shownStatus(state);
  // The server's own reason is not ours to send; a plain Busy keeps the person out of group calls alike.
  return reason && reason !== NOT_RESPONDING ? { status, reason } : { status };
}

/** The user picks a status from the menu or the tray. During a call it becomes the status to return to. */
export function choose(
  state: AgentStatusState,
  status: ChosenStatus,
  reason: string | null,
  policy: AgentPolicy,
): Step | Refusal {
  if (status === 'break') {
    if (!reason) return { ok: false, reason: 'break-needs-reason' };
    if (!policy.breakReasons.includes(reason)) return { ok: false, reason: 'unknown-break-reason' };
  }
  const endsAcw = status === 'available' && state.acwUntil !== null && !state.inCall;
  if (endsAcw && wrapUpMissing(state, policy)) return { ok: false, reason: 'wrap-up-needs-code' };
  const next: AgentStatusState = {
    ...state,
    chosen: status,
    chosenReason: status === 'break' ? reason : null,
    acwUntil: null,
    notice: null,
  };
  if (state.inCall) return { state: next, send: null };
  return { state: next, send: endsAcw ? withWrapUp(currentRequest(next), state) : currentRequest(next) };
}

/** The company wants a code before Available, and none is picked for this after-call work. */
export function wrapUpMissing(state: AgentStatusState, policy: AgentPolicy): boolean {
  return policy.wrapUpRequired && state.wrapUp === null;
}

/** The request that ends after-call work carries the picked code, so the switchboard can check it too. */
function withWrapUp(request: StatusRequest, state: AgentStatusState): StatusRequest {
  return state.wrapUp === null ? request : { ...request, wrapUp: state.wrapUp };
}

/** The agent picks a wrap-up code (from the company's list) during after-call work. */
export function pickWrapUp(state: AgentStatusState, code: string, policy: AgentPolicy): AgentStatusState | Refusal {
  if (state.acwUntil === null || state.inCall) return { ok: false, reason: 'no-after-call-work' };
  if (!policy.wrapUpCodes.some((c) => c.code === code)) return { ok: false, reason: 'unknown-wrap-up-code' };
  return { ...state, wrapUp: code };
}

/**
 * The calls changed. The first connected call sets "on a call"; when the last one ends, an Available
 * person goes into after-call work (the company's countdown), anyone else back to what they chose.
 */
export function callsChanged(state: AgentStatusState, connected: boolean, now: number, policy: AgentPolicy): Step {
  if (connected && !state.inCall) {
    const next = { ...state, inCall: true, acwUntil: null };
    return { state: next, send: { status: 'on-call' } };
  }
  if (!connected && state.inCall) {
    const acw = state.chosen === 'available' && policy.afterCallWorkSec > 0;
    const next = {
      ...state,
      inCall: false,
      acwUntil: acw ? now + policy.afterCallWorkSec * 1000 : null,
      wrapUp: null,
    };
    return { state: next, send: currentRequest(next) };
  }
  return { state, send: null };
}

/** "Ready now": after-call work ends at once (refused while a required wrap-up code is not picked). */
export function readyNow(state: AgentStatusState, policy: AgentPolicy): Step | Refusal {
  if (state.acwUntil === null || state.inCall) return { state, send: null };
  if (state.chosen === 'available' && wrapUpMissing(state, policy)) return { ok: false, reason: 'wrap-up-needs-code' };
  const next = { ...state, acwUntil: null };
  return { state: next, send: withWrapUp(currentRequest(next), state) };
}

/** "More time": another full after-call-work period (the server adds it when asked for ACW again). */
export function moreTime(state: AgentStatusState, now: number, policy: AgentPolicy): Step {
  if (state.acwUntil === null || state.inCall) return { state, send: null };
  const next = { ...state, acwUntil: Math.max(state.acwUntil, now) + policy.afterCallWorkSec * 1000 };
  return { state: next, send: { status: 'after-call-work' } };
}

/** The countdown ran out here; the server ends after-call work itself (and says so), so nothing is sent. */
export function acwExpired(state: AgentStatusState, now: number): AgentStatusState {
  return state.acwUntil !== null && state.acwUntil <= now ? { ...state, acwUntil: null } : state;
}

export function dismissNotice(state: AgentStatusState): AgentStatusState {
  return state.notice ? { ...state, notice: null } : state;
}

/**
 * The server told us our own presence (a pushed change, or the echo of our request). It is the truth about
 * after-call work (its deadline, its end) and about a ring-out Busy; our chosen status follows it only when
 * no call or after-call work covers it, so a stale echo cannot undo a call that just started.
 */
export function serverPresence(state: AgentStatusState, me: Presence): AgentStatusState {
  if (me.status === 'busy' && me.reason === NOT_RESPONDING) {
    return { ...state, chosen: 'busy', chosenReason: NOT_RESPONDING, acwUntil: null, notice: 'not-responding' };
  }
  if (me.status === 'after-call-work') {
    return state.inCall ? state : { ...state, acwUntil: me.acwUntil ?? state.acwUntil };
  }
  if (me.status === 'on-call' || state.inCall) return state;
  if (state.acwUntil !== null && me.status !== 'available') return state;
  return {
    ...state,
    chosen: me.status,
    chosenReason: me.status === 'break' ? me.reason : null,
    acwUntil: null,
  };
}

/** Offline means no calls out either: dialing asks the user to change status first. */
export function dialRefusal(state: AgentStatusState): RefusalReason | null {
  return state.chosen === 'offline' && !state.inCall ? 'offline-cannot-dial' : null;
}

/** Logging out or quitting would leave a call or after-call work half done: refused with the reason. */
export function leaveRefusal(state: AgentStatusState, liveCalls: number): RefusalReason | null {
  if (liveCalls > 0 || state.inCall) return 'busy-in-call';
  if (state.acwUntil !== null) return 'busy-in-after-call-work';
  return null;
}

export const REFUSAL_MESSAGES: Record<RefusalReason, string> = {
  'break-needs-reason': 'Pick a reason for the break.',
  'unknown-break-reason': 'That break reason is not on the company list.',
  'offline-cannot-dial': 'You are Offline: set yourself Available or Busy to make calls.',
  'busy-in-call': 'Finish the current call first.',
  'busy-in-after-call-work': 'Finish after-call work first (press "Ready now").',
  'wrap-up-needs-code': 'Pick a wrap-up code first: your company asks for one before you take calls again.',
  'unknown-wrap-up-code': 'That wrap-up code is not on the company list.',
  'no-after-call-work': 'Wrap-up codes are picked during after-call work.',
};
