/** A person's working status (docs/status-and-presence.md, "Statuses"); the agent_state CHECK allows exactly these. */
export const agentStatuses = ['available', 'busy', 'break', 'offline', 'on-call', 'after-call-work'] as const;
export type AgentStatus = (typeof agentStatuses)[number];
/**
 * Where a person's calls ring: the app on this computer, their mobile (mobile mode, number sign-in),
 * their extension's desk phone, or a number they typed at the station step (it behaves as the mobile).
 */
export const ringTargets = ['computer', 'mobile', 'desk', 'number'] as const;
export type RingTarget = (typeof ringTargets)[number];
export type AutoAnswer = 'never' | 'user-choice' | 'always';
/** The company's hold (TCCC 通话保持): 'on' keeps the agent hearing the held caller, 'off' the SIP hold, or each user's choice. */
export const listeningHoldPolicies = ['user-choice', 'on', 'off'] as const;
export type ListeningHoldPolicy = (typeof listeningHoldPolicies)[number];

export type AgentPolicy = {
  afterCallWorkSec: number;
  ringTimeoutSec: number;
  breakReasons: string[];
  autoAnswer: AutoAnswer;
  /** The company's wrap-up codes (TCCC's 服务小结), picked during after-call work. */
  wrapUpCodes: WrapUpCode[];
  /** A code must be picked before the agent goes Available from after-call work. */
  wrapUpRequired: boolean;
  listeningHold: ListeningHoldPolicy;
};

export type WrapUpCode = { code: string; label: string };

export const defaultAgentPolicy: AgentPolicy = {
  afterCallWorkSec: 30,
  ringTimeoutSec: 20,
  breakReasons: ['Lunch', 'Meeting', 'Training'],
  autoAnswer: 'user-choice',
  wrapUpCodes: [],
  wrapUpRequired: false,
  listeningHold: 'user-choice',
};

/** The reason the server alone gives: the person let a group call ring out. */
export const notResponding = 'not-responding';

export type AgentState = {
  status: AgentStatus;
  reason: string | null;
  since: number;
  acwUntil: number | null;
  idleSince: number | null;
  /** What the person had chosen before `on-call`, to return to after the call. */
  beforeCall: { status: AgentStatus; reason: string | null } | null;
};

/** `wrapUp`: the code picked for the after-call work this request ends (checked when the company requires one). */
export type StatusRequest = { status: AgentStatus; reason?: string | undefined; wrapUp?: string | undefined };

export class StatusRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatusRefusedError';
  }
}

/** The state after `status` begins now (idleSince moves only when the person *becomes* available). */
function become(state: AgentState, status: AgentStatus, reason: string | null, now: number): AgentState {
  if (state.status === status && state.reason === reason && status !== 'after-call-work') return state;
  return {
    status,
    reason,
    since: state.status === status ? state.since : now,
    acwUntil: null,
    idleSince: status === 'available' && state.status !== 'available' ? now : state.idleSince,
    beforeCall: status === 'on-call' ? state.beforeCall : null,
  };
}

/**
 * What a status request from the app does. Throws StatusRefusedError for a request the app may not
 * make: a break without a reason from the company's list, or `busy` as "not responding".
 * `after-call-work`: from `on-call` it starts the countdown if the person had been available
 * (else they return to what they had chosen); while in it, it is "More time" (+afterCallWorkSec);
 * a person who is busy, on a break or offline stays so.
 */
export function requestStatus(state: AgentState, request: StatusRequest, policy: AgentPolicy, now: number): AgentState {
  const reason = request.reason?.trim() || null;
  switch (request.status) {
    case 'break':
      if (!reason || !policy.breakReasons.includes(reason)) {
        throw new StatusRefusedError(
          `A break needs a reason from the company's list: ${policy.breakReasons.join(', ')}`,
        );
      }
      return become(state, 'break', reason, now);
    case 'busy':
      if (reason === notResponding) throw new StatusRefusedError('"not-responding" is set by the switchboard only');
      return become(state, 'busy', null, now);
    case 'available':
      if (state.status === 'after-call-work') checkWrapUp(request.wrapUp, policy);
      return become(state, 'available', null, now);
    case 'offline':
      return become(state, request.status, null, now);
    case 'on-call': {
      if (state.status === 'on-call') return state;
      const beforeCall =
        state.status === 'after-call-work'
          ? { status: 'available' as const, reason: null }
          : {
              status: state.status,
              reason: state.reason,
            };
      return { ...become(state, 'on-call', null, now), beforeCall };
    }
    case 'after-call-work':
      return afterCall(state, policy, now);
  }
}

/**
 * "Ready now" (or choosing Available) ends after-call work only with a code from the company's list when
 * the company requires one. The server's own timer is not held up by this (expireAfterCallWork): the app
 * records the call's code as missing instead (docs/status-and-presence.md, "Wrap-up codes").
 */
export function checkWrapUp(wrapUp: string | undefined, policy: AgentPolicy): void {
  if (!policy.wrapUpRequired) return;
  if (!wrapUp || !policy.wrapUpCodes.some((c) => c.code === wrapUp)) {
    throw new StatusRefusedError(
      `Pick a wrap-up code before going Available: ${policy.wrapUpCodes.map((c) => c.code).join(', ')}`,
    );
  }
}

function afterCall(state: AgentState, policy: AgentPolicy, now: number): AgentState {
  if (state.status === 'after-call-work') {
    // "More time": counted from the current deadline, so pressing it early loses nothing.
    return { ...state, acwUntil: Math.max(state.acwUntil ?? now, now) + policy.afterCallWorkSec * 1000 };
  }
  const chosen = state.status === 'on-call' ? (state.beforeCall ?? { status: 'available', reason: null }) : state;
  if (chosen.status !== 'available' && chosen.status !== 'on-call' && chosen.status !== 'after-call-work') {
    return become(state, chosen.status, chosen.reason, now);
  }
  if (policy.afterCallWorkSec <= 0) return become(state, 'available', null, now);
  return {
    status: 'after-call-work',
    reason: null,
    since: now,
    acwUntil: now + policy.afterCallWorkSec * 1000,
    idleSince: state.idleSince,
    beforeCall: null,
  };
}

/** The server's timer: after-call work whose deadline has passed ends in `available`. */
export function expireAfterCallWork(state: AgentState, now: number): AgentState {
  if (state.status !== 'after-call-work' || state.acwUntil === null || state.acwUntil > now) return state;
  return become(state, 'available', null, now);
}

/** A member let a group call ring out: busy, "not responding", until they choose otherwise. */
export function ringedOut(state: AgentState, now: number): AgentState {
  if (state.status !== 'available') return state;
  return become(state, 'busy', notResponding, now);
}

/** A member answered a group call: on a call at once, so the next group call does not ring them too. */
export function answeredGroupCall(state: AgentState, now: number): AgentState {
  return requestStatus(state, { status: 'on-call' }, defaultAgentPolicy, now);
}
