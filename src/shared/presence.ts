/**
 * Working status and live presence (issue 10): the provisioning service's wire shapes
 * (docs/status-and-presence.md) and what the UI sees of them over IPC. Checked with zod
 * wherever they cross a boundary (the network, IPC).
 */
import { z } from 'zod';

export const StatusSchema = z.enum(['available', 'busy', 'break', 'offline', 'on-call', 'after-call-work']);
export type Status = z.infer<typeof StatusSchema>;

/** The statuses a person picks; the other two are set automatically. */
export const ChosenStatusSchema = z.enum(['available', 'busy', 'break', 'offline']);
export type ChosenStatus = z.infer<typeof ChosenStatusSchema>;

/** The app, the mobile (mobile mode), the extension's desk phone, or a number typed at the station step. */
export const RingTargetSchema = z.enum(['computer', 'mobile', 'desk', 'number']);
export type RingTarget = z.infer<typeof RingTargetSchema>;

/** The server's reason for a Busy it set itself after a group call rang out. */
export const NOT_RESPONDING = 'not-responding';

export const PresenceSchema = z.object({
  extension: z.string().min(1).max(64),
  status: StatusSchema,
  reason: z.string().max(64).nullable(),
  since: z.number(),
  acwUntil: z.number().nullable(),
  idleSince: z.number().nullable(),
  ringTarget: RingTargetSchema,
});
export type Presence = z.infer<typeof PresenceSchema>;

export const GroupPresenceSchema = z.object({
  number: z.string().min(1).max(64),
  name: z.string().max(128),
  members: z.array(z.string().max(64)).max(10_000),
  available: z.number().int().min(0),
  ringTimeoutSec: z.number().int().min(1).max(600),
});
export type GroupPresence = z.infer<typeof GroupPresenceSchema>;

/** A desk phone (话机) of the company: a SIP user of the switchboard, dialled as is, and whose it is. */
export const DeskPhoneSchema = z.object({
  sipUser: z.string().min(1).max(64),
  extension: z.string().max(64),
  name: z.string().max(128),
});
export type DeskPhone = z.infer<typeof DeskPhoneSchema>;

export const AutoAnswerPolicySchema = z.enum(['never', 'user-choice', 'always']);
/** The company's hold (TCCC 通话保持, docs/adr/0005-listening-hold.md): decided for everyone, or each user's choice. */
export const ListeningHoldPolicySchema = z.enum(['user-choice', 'on', 'off']);
export type ListeningHoldPolicy = z.infer<typeof ListeningHoldPolicySchema>;
/** One of the company's wrap-up codes (TCCC's 服务小结): picked during after-call work, kept with the call. */
export const WrapUpCodeSchema = z.object({ code: z.string().min(1).max(32), label: z.string().min(1).max(64) });
export type WrapUpCode = z.infer<typeof WrapUpCodeSchema>;
/** How long a wrap-up note may be (plain text). */
export const WRAP_UP_NOTE_MAX = 500;
export const AgentPolicySchema = z.object({
  afterCallWorkSec: z.number().int().min(0).max(3600),
  ringTimeoutSec: z.number().int().min(1).max(600),
  breakReasons: z.array(z.string().min(1).max(64)).max(50),
  autoAnswer: AutoAnswerPolicySchema,
  // Defaults: a switchboard from before wrap-up codes sends neither.
  wrapUpCodes: z.array(WrapUpCodeSchema).max(50).default([]),
  wrapUpRequired: z.boolean().default(false),
  // A switchboard from before the company's listening hold sends none: each user decides.
  listeningHold: ListeningHoldPolicySchema.default('user-choice'),
});
export type AgentPolicy = z.infer<typeof AgentPolicySchema>;

export const DEFAULT_AGENT_POLICY: AgentPolicy = {
  afterCallWorkSec: 30,
  ringTimeoutSec: 20,
  breakReasons: ['Lunch', 'Meeting', 'Training'],
  autoAnswer: 'user-choice',
  wrapUpCodes: [],
  wrapUpRequired: false,
  listeningHold: 'user-choice',
};

/** Only in one's own snapshot: whether a desk phone can ring, and the number typed at the station step. */
export const StationSnapshotSchema = z.object({
  deskPhone: z.boolean(),
  ringNumber: z.string().max(20).nullable(),
});
export type StationSnapshot = z.infer<typeof StationSnapshotSchema>;

export const PresenceSnapshotSchema = z.object({
  me: PresenceSchema,
  /** Older services send none: no desk phone, no number. */
  station: StationSnapshotSchema.default({ deskPhone: false, ringNumber: null }),
  policy: AgentPolicySchema,
  people: z.array(PresenceSchema),
  groups: z.array(GroupPresenceSchema),
  /** Older services send none. */
  deskPhones: z.array(DeskPhoneSchema).max(10_000).default([]),
  at: z.number(),
});
export type PresenceSnapshot = z.infer<typeof PresenceSnapshotSchema>;

/** PUT /v1/status. */
export const StatusRequestSchema = z.object({
  status: StatusSchema,
  reason: z.string().max(64).optional(),
  /** The wrap-up code picked for the after-call work this request ends (the server checks it when required). */
  wrapUp: z.string().max(32).optional(),
});
export type StatusRequest = z.infer<typeof StatusRequestSchema>;

export const CallbackAnswerSchema = z.object({ callbackId: z.union([z.string(), z.number()]).transform(String) });

/**
 * What the window shows of this person's own status (part of AppState; small).
 * availability: 'needs-number-sign-in' for a manual SIP account (no status there), 'connecting' until the
 * first snapshot, 'live' while the event stream runs, 'offline' while it reconnects (the last state stays shown).
 */
export const AgentViewSchema = z.strictObject({
  availability: z.enum(['needs-number-sign-in', 'connecting', 'live', 'offline']),
  /** What is shown: the chosen status, or on-call / after-call-work while they apply. */
  status: StatusSchema,
  reason: z.string().max(64).nullable(),
  /** What the user picked; the app returns to it after a call. */
  chosen: ChosenStatusSchema,
  chosenReason: z.string().max(64).nullable(),
  acwUntil: z.number().nullable(),
  /** The wrap-up code picked during this after-call work (null: none yet). */
  wrapUp: z.string().max(32).nullable(),
  /** The server moved us to Busy after a group call rang out; shown until dismissed. */
  notice: z.enum(['not-responding']).nullable(),
  ringTarget: RingTargetSchema,
  /** What Settings offers: computer and mobile after a number sign-in; computer, desk phone, typed number after e-mail. */
  ringTargets: z.array(RingTargetSchema).max(4),
  /** The number typed at the station step (E.164), shown when calls ring it. */
  ringNumber: z.string().max(20).nullable(),
  policy: AgentPolicySchema,
  /** The user's own auto-answer choice (applies when the policy is 'user-choice'). */
  autoAnswer: z.boolean(),
  /** A callback we asked for (calls ringing away from the computer): "Calling your mobile…" until it is over. */
  callback: z.strictObject({ to: z.string().max(128), at: z.number() }).nullable(),
});
export type AgentView = z.infer<typeof AgentViewSchema>;

/** main → UI: presence changes since the last push; `reset` means "ask again for what you show". */
export const PresenceDeltaSchema = z.strictObject({
  reset: z.boolean(),
  people: z.array(PresenceSchema),
  groups: z.array(GroupPresenceSchema),
});
export type PresenceDelta = z.infer<typeof PresenceDeltaSchema>;

/** Whether auto-answer applies to a ringing call now. */
export function autoAnswerOn(policy: AgentPolicy, userChoice: boolean): boolean {
  return policy.autoAnswer === 'always' || (policy.autoAnswer === 'user-choice' && userChoice);
}

/** Kept in settings: the status to come back to after sign-in, and the auto-answer choice. */
export const AgentSettingsSchema = z.object({
  status: ChosenStatusSchema,
  reason: z.string().max(64).nullable(),
  autoAnswer: z.boolean(),
});
export type AgentSettings = z.infer<typeof AgentSettingsSchema>;
export const DEFAULT_AGENT_SETTINGS: AgentSettings = { status: 'available', reason: null, autoAnswer: false };
