/**
 * The supervisor's team view (issue 19), shared by main and the UI: what the service sends (checked with
 * zod before anyone sees it), what main pushes to the window, and the verbs' payloads.
 */
import { z } from 'zod';
import { ChosenStatusSchema, StatusSchema } from './presence.ts';

export const TeamCallDirectionSchema = z.enum(['incoming', 'outgoing']);

export const TeamAgentSchema = z.object({
  // For "Message" (internal chat opens by person id, as from the directory).
  personId: z.number().int().positive(),
  extension: z.string().max(16),
  name: z.string().max(200),
  status: StatusSchema,
  reason: z.string().max(100).nullable(),
  since: z.number(),
  call: z.object({ direction: TeamCallDirectionSchema, party: z.string().max(128), answeredAt: z.number() }).nullable(),
  chatsOpen: z.number().int().nonnegative(),
  callsToday: z.number().int().nonnegative(),
  chatsToday: z.number().int().nonnegative(),
  averageHandleMs: z.number().nonnegative().nullable(),
  groups: z.array(z.string().max(80)).max(200),
});
export type TeamAgent = z.infer<typeof TeamAgentSchema>;

export const TeamGroupSchema = z.object({
  key: z.string().max(80),
  kind: z.enum(['call', 'chat']),
  name: z.string().max(200),
  number: z.string().max(16).nullable(),
  members: z.number().int().nonnegative(),
  available: z.number().int().nonnegative(),
  callsWaiting: z.number().int().nonnegative(),
  chatsWaiting: z.number().int().nonnegative(),
  waitingSince: z.number().nullable(),
});
export type TeamGroup = z.infer<typeof TeamGroupSchema>;

export const TeamSnapshotSchema = z.object({
  team: z.string().max(100).nullable(),
  teams: z.array(z.string().max(100)).max(200),
  agents: z.array(TeamAgentSchema).max(20_000),
  groups: z.array(TeamGroupSchema).max(2_000),
  at: z.number(),
});
export type TeamSnapshot = z.infer<typeof TeamSnapshotSchema>;

/** main → UI: the whole team (on open and after a reconnect), one agent's row, one group's row, or the stream's state. */
export const TeamUpdateSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('snapshot'), snapshot: TeamSnapshotSchema }),
  z.strictObject({ kind: z.literal('agent'), agent: TeamAgentSchema }),
  z.strictObject({ kind: z.literal('group'), group: TeamGroupSchema }),
  z.strictObject({ kind: z.literal('live'), live: z.boolean() }),
]);
export type TeamUpdate = z.infer<typeof TeamUpdateSchema>;

/** What the window gets when it opens the Team tab: the last snapshot with every update applied, and whether it is live. */
export const TeamStateSchema = z.strictObject({ snapshot: TeamSnapshotSchema.nullable(), live: z.boolean() });
export type TeamState = z.infer<typeof TeamStateSchema>;

/** A supervisor may set these; on a call and after-call work follow calls. */
export const TeamSettableStatusSchema = ChosenStatusSchema;

export const TeamAgentCallSchema = z.object({
  id: z.string().max(256),
  direction: TeamCallDirectionSchema,
  party: z.string().max(128),
  answeredAt: z.number(),
  endedAt: z.number().nullable(),
  wrapMs: z.number().nonnegative(),
});
export type TeamAgentCall = z.infer<typeof TeamAgentCallSchema>;
export const TeamAgentCallsSchema = z.object({ calls: z.array(TeamAgentCallSchema).max(1000) });

/** The e-mail sign-in's roles that supervise (the station step's "supervisor only" and "supervisor and agent"). */
export const supervises = (role: string | undefined): boolean => role === 'supervisor' || role === 'both';
