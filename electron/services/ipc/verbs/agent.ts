/** Working status and colleagues' presence (issue 10). Refusals arrive as UserFacingErrors. */
import type { UiHandlers, VerbTargets } from './types.ts';

export const agentVerbs = ({ agent }: VerbTargets) =>
  ({
    setAgentStatus: ({ status, reason }) => agent.choose(status, reason ?? null),
    agentReadyNow: () => agent.readyNow(),
    agentMoreTime: () => agent.moreTime(),
    agentWrapUp: ({ code, note }) => agent.wrapUp(code, note),
    dismissAgentNotice: () => agent.dismissNotice(),
    setRingTarget: ({ ringTarget }) => agent.setRingTarget(ringTarget),
    setAutoAnswer: ({ enabled }) => agent.setAutoAnswer(enabled),
    getPresence: ({ extensions }) => agent.lookup(extensions),
    listPresenceGroups: () => agent.groups(),
    listDeskPhones: () => agent.deskPhones(),
  }) satisfies Partial<UiHandlers>;
