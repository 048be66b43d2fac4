/** The Team tab's UI → main requests (issue 19: the supervisor's team view), part of uiVerbs in contract.ts. */
import { z } from 'zod';
import { ChosenStatusSchema } from '../presence.ts';
import { TeamAgentCallSchema, TeamStateSchema } from '../team.ts';

const extension = z.string().regex(/^\d{2,8}$/);

export const teamVerbs = {
  /** The team as main has it now (the Team tab's start; `team` events follow). */
  getTeam: { input: z.strictObject({}), output: TeamStateSchema },
  /** Set an agent's status; Offline also ends the agent's sign-in (a stuck agent). */
  setTeamAgentStatus: {
    input: z.strictObject({
      extension,
      status: ChosenStatusSchema,
      reason: z.string().trim().min(1).max(100).nullable(),
    }),
    output: z.void(),
  },
  /** An agent's calls today, the current one first. */
  getAgentCallsToday: { input: z.strictObject({ extension }), output: z.array(TeamAgentCallSchema) },
};
