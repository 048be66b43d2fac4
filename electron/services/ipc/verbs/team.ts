/** The supervisor's team view (issue 19). Refusals arrive as UserFacingErrors. */
import type { UiHandlers, VerbTargets } from './types.ts';

export const teamVerbs = ({ team }: VerbTargets) =>
  ({
    getTeam: () => team.view(),
    setTeamAgentStatus: ({ extension, status, reason }) => team.setAgentStatus(extension, status, reason),
    getAgentCallsToday: ({ extension }) => team.agentCalls(extension),
  }) satisfies Partial<UiHandlers>;
