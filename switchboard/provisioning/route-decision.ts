import { callPermissionPhrase, type LimitingPermission } from '../../lib/call-permission-refusal.ts';
import type { AgentStatus, RingTarget } from './agent-status.ts';
import { huntOrder, ringUser, type HuntMember } from './hunting.ts';

/** What Kamailio does with a call next (docs/status-and-presence.md, "Decisions"). */
export type RouteDecision =
  | { kind: 'direct'; ringTimeoutSec: number }
  | { kind: 'ring'; member: string; sipUser: string; ringTimeoutSec: number; group: string }
  | { kind: 'forward'; sipUser: string; ringTimeoutSec: number }
  | { kind: 'reject'; code: number; reason: string }
  | { kind: 'announce'; sipUser: string }
  | { kind: 'done' };

/** One line of plain text that the Kamailio script splits on spaces. */
export function formatDecision(decision: RouteDecision): string {
  switch (decision.kind) {
    case 'direct':
      return `direct ${decision.ringTimeoutSec}`;
    case 'ring':
      return `ring ${decision.member} ${decision.sipUser} ${decision.ringTimeoutSec} ${decision.group}`;
    case 'forward':
      return `forward ${decision.sipUser} ${decision.ringTimeoutSec}`;
    case 'reject':
      return `reject ${decision.code} ${decision.reason}`;
    case 'announce':
      return `announce ${decision.sipUser}`;
    case 'done':
      return 'done';
  }
}

export type GroupTarget = { number: string; ringTimeoutSec: number; members: readonly HuntMember[] };

export type CallFacts = {
  /**
   * The calling person, if the caller is one of ours; `limitedTo`: their call permission, when it does not reach
   * the number called (which is then not one of ours).
   */
  caller: { status: AgentStatus; limitedTo?: LimitingPermission | null } | null;
  target:
    | { kind: 'group'; group: GroupTarget }
    | {
        kind: 'person';
        status: AgentStatus;
        ringTarget: RingTarget;
        awayUser: string | null;
        ringTimeoutSec: number;
      }
    | { kind: 'unknown'; ringTimeoutSec: number };
  /** The SIP user that tells callers nobody is available. */
  announcementUser: string;
};

/** One hunt step: the next member to ring, or the announcement when nobody is left. */
export function huntStep(
  group: GroupTarget,
  skip: (extension: string) => boolean,
  announcementUser: string,
): RouteDecision {
  const next = huntOrder(group.members, skip)[0];
  if (!next) return { kind: 'announce', sipUser: announcementUser };
  return {
    kind: 'ring',
    member: next.extension,
    sipUser: ringUser(next),
    ringTimeoutSec: group.ringTimeoutSec,
    group: group.number,
  };
}

/** The first decision for a new INVITE. */
export function routeDecision(facts: CallFacts, skip: (extension: string) => boolean): RouteDecision {
  if (facts.caller?.status === 'offline') return { kind: 'reject', code: 403, reason: 'You are offline' };
  const target = facts.target;
  switch (target.kind) {
    case 'group':
      return huntStep(target.group, skip, facts.announcementUser);
    case 'person':
      if (target.status === 'offline') return { kind: 'reject', code: 480, reason: 'Offline' };
      // Mobile mode, the desk phone or a typed number: only that phone rings, not the computer.
      if (target.ringTarget !== 'computer' && target.awayUser !== null) {
        return { kind: 'forward', sipUser: target.awayUser, ringTimeoutSec: target.ringTimeoutSec };
      }
      return { kind: 'direct', ringTimeoutSec: target.ringTimeoutSec };
    case 'unknown':
      // The directory's call permission (Wo Cloud's 通话权限), in words the caller's app translates.
      if (facts.caller?.limitedTo) {
        return { kind: 'reject', code: 403, reason: callPermissionPhrase(facts.caller.limitedTo) };
      }
      return { kind: 'direct', ringTimeoutSec: target.ringTimeoutSec };
  }
}
