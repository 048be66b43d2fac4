/**
 * The one IPC contract. Every message between the main process (or the browser
 * host standing in for it), the UI window and the engine window is listed here
 * with its payload schema (the Chats tab's verbs in chat-verbs.ts, spread into
 * uiVerbs). Main validates every payload against it; preloads and the WebSocket
 * bridge derive their named verbs from it.
 */
import { z } from 'zod';
import {
  AppStateSchema,
  CallHistoryInfoSchema,
  CallIdSchema,
  CallLogCursorSchema,
  CallLogEntrySchema,
  CallLogViewSchema,
  ExportFormatSchema,
  HistoryRetentionSchema,
  CallSnapshotSchema,
  DialStringSchema,
  DialTargetSchema,
  DtmfDigitsSchema,
  DtmfModeSchema,
  LanguagePreferenceSchema,
  PostDialSchema,
  RegistrationStateSchema,
  SipAccountInputSchema,
} from '../domain.ts';
import {
  CodeRequestResultSchema,
  CompanyIdSchema,
  LookupResultSchema,
  MobileInputSchema,
  ProvisioningUrlSchema,
  SignInCodeSchema,
  VerifyResultSchema,
} from '../number-sign-in.ts';
import {
  EmailInputSchema,
  PasswordDoneSchema,
  FirstPasswordDoneSchema,
  StationChoiceSchema,
  PasswordInputSchema,
  PasswordSignInResultSchema,
  ResetCodeRequestSchema,
  ResetCodeSchema,
} from '../password-sign-in.ts';
import { AudioSettingsPatchSchema, AudioSettingsSchema, AudioStatusSchema } from '../audio.ts';
import { DisplaySettingsPatchSchema } from '../display.ts';
import { AboutInfoSchema, MemoryUsageSchema, UpdateStatusSchema } from '../update.ts';
import { DesktopSettingsPatchSchema, DesktopSettingsResultSchema } from '../desktop-settings.ts';
import {
  DirectoryDepartmentSchema,
  DirectoryPersonSchema,
  DirectoryQuerySchema,
  DirectoryStatusSchema,
  SearchHitSchema,
} from '../directory.ts';
import {
  ChosenStatusSchema,
  DeskPhoneSchema,
  GroupPresenceSchema,
  PresenceDeltaSchema,
  PresenceSchema,
  RingTargetSchema,
  WRAP_UP_NOTE_MAX,
} from '../presence.ts';
import { DialOutcomeSchema } from '../dial-outcome.ts';
import { ChatTranscriptSchema } from '../chat.ts';
import { chatVerbs } from './chat-verbs.ts';
import { teamVerbs } from './team-verbs.ts';
import { TeamUpdateSchema } from '../team.ts';
import type { EngineCommand, EngineEvent, UiEvent, UiVerb } from './names.ts';

export * from './names.ts';

const none = z.strictObject({});
const callRef = z.strictObject({ callId: CallIdSchema });
const muteInput = z.strictObject({ callId: CallIdSchema, muted: z.boolean() });
const holdInput = z.strictObject({ callId: CallIdSchema, held: z.boolean() });
/** main → engine: main decides which hold (src/shared/listening-hold.ts: the company's setting, else the user's). */
const engineHoldInput = holdInput.extend({ listening: z.boolean().optional() });
const dtmfInput = z.strictObject({ callId: CallIdSchema, digits: DtmfDigitsSchema });
const transferInput = z.strictObject({ callId: CallIdSchema, target: DialTargetSchema });

type Schemas<K extends string> = Record<K, z.ZodType>;

/** UI → main requests; each answers with an IpcResult of `output`. */
export const uiVerbs = {
  getState: { input: none, output: AppStateSchema },
  signIn: { input: SipAccountInputSchema, output: z.void() },
  signOut: { input: none, output: z.void() },
  /**
   * A number or SIP address, optionally with digits to send after connect ("0255795125,,8057"). Main
   * decides: a call, a callback to the mobile (mobile mode), or a refusal the UI words (Offline, not registered).
   */
  dial: { input: z.strictObject({ target: DialStringSchema }), output: DialOutcomeSchema },
  answer: { input: callRef, output: z.void() },
  decline: { input: callRef, output: z.void() },
  hangup: { input: callRef, output: z.void() },
  mute: { input: muteInput, output: z.void() },
  hold: { input: holdInput, output: z.void() },
  sendDtmf: { input: dtmfInput, output: z.void() },
  sendPendingDigits: { input: callRef, output: z.void() },
  listCallLog: {
    input: z.strictObject({
      limit: z.number().int().min(1).max(500),
      /** Keyset paging: the last entry of the previous page. */
      before: CallLogCursorSchema.optional(),
      ...CallLogViewSchema.shape,
    }),
    output: z.array(CallLogEntrySchema),
  },
  deleteCallLogEntry: { input: z.strictObject({ id: z.string().min(1).max(64) }), output: z.void() },
  /** The UI asks the user to confirm first. */
  clearCallLog: { input: none, output: z.strictObject({ deleted: z.number().int() }) },
  getCallHistoryInfo: { input: none, output: CallHistoryInfoSchema },
  /** The user is looking at missed calls: the badge clears. */
  markMissedSeen: { input: none, output: z.void() },
  setHistoryRetention: {
    input: z.strictObject({ retention: HistoryRetentionSchema }),
    output: z.strictObject({ deleted: z.number().int() }),
  },
  /**
   * Writes the list as shown (filters applied) to a file main chooses through its ExportTarget
   * (a save dialog in Electron). Times are written in `timeZone`, the UI's IANA time zone.
   */
  exportCallLog: {
    input: z.strictObject({
      view: CallLogViewSchema,
      format: ExportFormatSchema,
      timeZone: z
        .string()
        .max(64)
        .refine((zone) => {
          try {
            new Intl.DateTimeFormat('en', { timeZone: zone });
            return true;
          } catch {
            return false;
          }
        }, 'Unknown time zone'),
    }),
    output: z.discriminatedUnion('saved', [
      z.strictObject({ saved: z.literal(true), path: z.string(), rows: z.number().int() }),
      z.strictObject({ saved: z.literal(false) }),
    ]),
  },
  setLanguage: { input: z.strictObject({ preference: LanguagePreferenceSchema }), output: z.void() },
  /** Sign-in by mobile number. The provisioning service's address: '' when none is set. */
  getProvisioningUrl: { input: none, output: z.strictObject({ url: z.string() }) },
  setProvisioningUrl: { input: z.strictObject({ url: ProvisioningUrlSchema }), output: z.void() },
  /** The companies that registered this number; failures are results (`code`), not IPC errors. */
  lookupNumber: { input: z.strictObject({ mobile: MobileInputSchema }), output: LookupResultSchema },
  /** "Get code" and "Call me again": the service phones the number and a voice reads the code. */
  requestCode: {
    input: z.strictObject({ mobile: MobileInputSchema, companyId: CompanyIdSchema }),
    output: CodeRequestResultSchema,
  },
  /** On success main signs in with the account the service issued; registration follows in state. */
  verifyCode: {
    input: z.strictObject({ mobile: MobileInputSchema, companyId: CompanyIdSchema, code: SignInCodeSchema }),
    output: VerifyResultSchema,
  },
  /**
   * Sign-in by e-mail and password. `remember`: the account is kept for the next start (encrypted);
   * otherwise nothing is kept after Quit. A first password is not used until changeFirstPassword.
   */
  signInWithPassword: {
    input: z.strictObject({ email: EmailInputSchema, password: PasswordInputSchema, remember: z.boolean() }),
    output: PasswordSignInResultSchema,
  },
  /** The forced first change, after a sign-in that answered mustChangePassword; the station step follows. */
  changeFirstPassword: {
    input: z.strictObject({ newPassword: PasswordInputSchema }),
    output: FirstPasswordDoneSchema,
  },
  /** The station step's Submit (role, team, where calls ring); on success main signs in. */
  chooseStation: { input: StationChoiceSchema, output: PasswordDoneSchema },
  /** Settings' Change password, for an account signed in by e-mail; the account's other computers are signed out. */
  changePassword: {
    input: z.strictObject({ currentPassword: PasswordInputSchema, newPassword: PasswordInputSchema }),
    output: PasswordDoneSchema,
  },
  /** Forgot password: a six-digit code by e-mail (the answer is the same for an unknown e-mail). */
  requestResetCode: { input: z.strictObject({ email: EmailInputSchema }), output: ResetCodeRequestSchema },
  resetPassword: {
    input: z.strictObject({ email: EmailInputSchema, code: ResetCodeSchema, newPassword: PasswordInputSchema }),
    output: PasswordDoneSchema,
  },
  /** The About dialog: version, build and third-party licences. */
  getAbout: { input: none, output: AboutInfoSchema },
  /** About's Memory line: what all of the app's processes use now. */
  getMemoryUsage: { input: none, output: MemoryUsageSchema },
  getUpdateStatus: { input: none, output: UpdateStatusSchema },
  /** "Check for updates": answers with the status it led to ("latest", "available"…). */
  checkForUpdates: { input: none, output: UpdateStatusSchema },
  /** "Update now": downloads in the background; progress and the sha512 verdict arrive as `updateStatus`. */
  downloadUpdate: { input: none, output: z.void() },
  /** "Restart now": refused with a reason during a call (the update then installs on quit). */
  installUpdate: { input: none, output: z.void() },
  /** Start at login, the link handler, "call links at once", global answer/hang-up shortcuts. */
  getDesktopSettings: { input: none, output: DesktopSettingsResultSchema },
  setDesktopSettings: { input: DesktopSettingsPatchSchema, output: DesktopSettingsResultSchema },
  /** Blind transfer of a connected call to a number, extension or SIP address. */
  transfer: { input: transferInput, output: z.void() },
  /** Attended transfer, first step: the call goes on hold and the target is called; answers the new call's id. */
  consult: { input: transferInput, output: z.strictObject({ callId: CallIdSchema }) },
  /** "Complete transfer" on the consultation call: the held caller is put through to the target. */
  completeTransfer: { input: callRef, output: z.void() },
  /** "Cancel" on the consultation call: it ends and the held caller is back with us. */
  cancelConsult: { input: callRef, output: z.void() },
  /** Two calls: talk on this one, the other goes on hold. */
  switchCall: { input: callRef, output: z.void() },
  /** Microphone, speaker, ringer, processing and volumes; any subset, kept in settings and applied at once. */
  setAudioSettings: { input: z.strictObject({ patch: AudioSettingsPatchSchema }), output: z.void() },
  setDisplaySettings: { input: z.strictObject({ patch: DisplaySettingsPatchSchema }), output: z.void() },
  /** The company directory, kept locally after a number sign-in and searched offline too. */
  getDirectoryStatus: { input: none, output: DirectoryStatusSchema },
  listDepartments: { input: none, output: z.array(DirectoryDepartmentSchema) },
  /** People directly in a department (null: everyone), by name; the UI pages as the list scrolls. */
  listDirectoryPeople: {
    input: z.strictObject({
      departmentId: z.number().int().nullable(),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(500),
    }),
    output: z.array(DirectoryPersonSchema),
  },
  /** Best first, each with the matched range for highlighting. */
  searchDirectory: {
    input: z.strictObject({ query: DirectoryQuerySchema, limit: z.number().int().min(1).max(200).optional() }),
    output: z.array(SearchHitSchema),
  },
  getDirectoryPerson: { input: z.strictObject({ id: z.number().int() }), output: DirectoryPersonSchema.nullable() },
  /** A data: URL (the service's image, cached by ETag), or null offline without a cached copy. */
  getDirectoryAvatar: {
    input: z.strictObject({ id: z.number().int() }),
    output: z.strictObject({ dataUrl: z.string().nullable() }),
  },
  syncDirectory: { input: none, output: z.void() },
  /** Working status (issue 10): Available, Busy, Break with a reason from the company list, Offline. */
  setAgentStatus: {
    input: z.strictObject({ status: ChosenStatusSchema, reason: z.string().min(1).max(64).optional() }),
    output: z.void(),
  },
  /** After-call work: "Ready now" ends it, "More time" adds the company's period again. */
  agentReadyNow: { input: none, output: z.void() },
  agentMoreTime: { input: none, output: z.void() },
  /** During after-call work: the wrap-up code picked (null keeps the one picked) and an optional plain-text note. */
  agentWrapUp: {
    input: z.strictObject({ code: z.string().min(1).max(32).nullable(), note: z.string().max(WRAP_UP_NOTE_MAX) }),
    output: z.void(),
  },
  /** The "not responding, you were set to Busy" notice was read. */
  dismissAgentNotice: { input: none, output: z.void() },
  /** Where calls ring: this computer or my mobile. */
  setRingTarget: { input: z.strictObject({ ringTarget: RingTargetSchema }), output: z.void() },
  /** The user's auto-answer choice (used when the company lets users choose). */
  setAutoAnswer: { input: z.strictObject({ enabled: z.boolean() }), output: z.void() },
  /** Colleagues' presence by extension (what a list shows now); unknown extensions are left out. */
  getPresence: {
    input: z.strictObject({ extensions: z.array(z.string().min(1).max(64)).max(500) }),
    output: z.array(PresenceSchema),
  },
  /** Group (hotline) numbers with how many members are available. */
  listPresenceGroups: { input: none, output: z.array(GroupPresenceSchema) },
  /** The company's desk phones (话机), for the transfer picker. */
  listDeskPhones: { input: none, output: z.array(DeskPhoneSchema) },
  /**
   * Settings › About › "Export diagnostics": one zip (logs, settings without secrets, versions, OS)
   * written where the user picks (a save dialog in Electron). Failing to write it is an answer, not an error.
   */
  exportDiagnostics: {
    input: none,
    output: z.discriminatedUnion('outcome', [
      z.strictObject({ outcome: z.literal('saved'), path: z.string() }),
      z.strictObject({ outcome: z.literal('cancelled') }),
      z.strictObject({ outcome: z.literal('failed'), detail: z.string() }),
    ]),
  },
  ...chatVerbs,
  ...teamVerbs,
} as const satisfies Record<UiVerb, { input: z.ZodType; output: z.ZodType }>;

/** main → UI pushes. */
export const uiEvents = {
  state: AppStateSchema,
  callLogChanged: none,
  /** The missed-call badge and retention, pushed whenever they may have changed. */
  callHistoryInfo: CallHistoryInfoSchema,
  /** A tel:/sip: link or `--dial` from outside: show this number on the dial pad. */
  dialRequest: z.strictObject({ target: z.string().max(128) }),
  updateStatus: UpdateStatusSchema,
  /** The tray's "About": open the About dialog. */
  showAbout: none,
  directoryStatus: DirectoryStatusSchema,
  /** Synced changes arrived: lists and searches should be asked again. */
  directoryChanged: none,
  /** Colleagues' presence changed: the changed people and groups, or `reset` (ask again for what is shown). */
  presence: PresenceDeltaSchema,
  /** A chat's transcript changed (a message, a send confirmed or refused). */
  chatTranscript: ChatTranscriptSchema,
  /** The supervisor's team view changed (issue 19): the whole team, one agent, one group, or live/not. */
  team: TeamUpdateSchema,
} as const satisfies Schemas<UiEvent>;

const EngineAccountSchema = z.strictObject({
  server: z.string(),
  user: z.string(),
  domain: z.string(),
  password: z.string(),
  displayName: z.string(),
  dtmfMode: DtmfModeSchema,
});
export type EngineAccount = z.infer<typeof EngineAccountSchema>;

/** main → engine commands. */
export const engineCommands = {
  register: EngineAccountSchema,
  unregister: none,
  dial: z.strictObject({
    callId: CallIdSchema,
    target: DialTargetSchema,
    postDial: PostDialSchema.optional(),
    /** The held call this one consults about before an attended transfer. */
    consultFor: CallIdSchema.optional(),
    /** Who the number belongs to, from the directory: the call screen and the history show the name. */
    remoteName: z.string().max(128).optional(),
  }),
  answer: callRef,
  decline: callRef,
  hangup: callRef,
  mute: muteInput,
  hold: engineHoldInput,
  sendDtmf: dtmfInput,
  sendPendingDigits: callRef,
  transfer: transferInput,
  completeTransfer: z.strictObject({ callId: CallIdSchema, consultCallId: CallIdSchema }),
  audioSettings: AudioSettingsSchema,
  /** The machine woke up (main's powerMonitor) or a test emulates it: reconnect and re-register now. */
  networkChanged: z.strictObject({ reason: z.enum(['online', 'resume']) }),
  /** Auto-answer: a short tone, then the call is answered about a second later. */
  autoAnswer: callRef,
  /** A chat offered to the agent (issue 16) rings with the call ring until it is accepted or gone. */
  chatOfferRing: z.strictObject({ ringing: z.boolean() }),
} as const satisfies Schemas<EngineCommand>;

/** Text in an engine log line is cut here: a line is for reading, and main must not be flooded. */
const ENGINE_LOG_TEXT_MAX = 500;
const engineLogText = z
  .string()
  .transform((text) => (text.length > ENGINE_LOG_TEXT_MAX ? `${text.slice(0, ENGINE_LOG_TEXT_MAX)}…` : text));

/** One line of the engine's log (src/engine/engine-log.ts); main redacts it, rate-limits and writes engine.log. */
export const EngineLogEntrySchema = z.strictObject({
  level: z.enum(['debug', 'info', 'warn', 'error']),
  message: engineLogText,
  fields: z
    .record(z.string().max(64), z.union([engineLogText, z.number(), z.boolean(), z.null()]))
    .refine((fields) => Object.keys(fields).length <= 16, 'At most 16 fields in a log line'),
});

/** engine → main reports. `ready` is sent once the engine page can take commands. */
export const engineEvents = {
  ready: none,
  registration: RegistrationStateSchema,
  call: CallSnapshotSchema,
  /** The devices present and in use, at start and whenever they change. */
  audio: AudioStatusSchema,
  /** A line for engine.log (registration changes, call ids, SIP status codes, errors; never secrets). */
  log: EngineLogEntrySchema,
} as const satisfies Schemas<EngineEvent>;

export type UiVerbInput<V extends UiVerb> = z.input<(typeof uiVerbs)[V]['input']>;
export type UiVerbOutput<V extends UiVerb> = z.output<(typeof uiVerbs)[V]['output']>;
export type UiEventPayload<E extends UiEvent> = z.output<(typeof uiEvents)[E]>;
export type EngineCommandPayload<C extends EngineCommand> = z.output<(typeof engineCommands)[C]>;
export type EngineEventPayload<E extends EngineEvent> = z.output<(typeof engineEvents)[E]>;

export type IpcError = { code: 'invalid-payload' | 'unknown-verb' | 'forbidden' | 'failed'; message: string };
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** The API the UI sees as `window.switchboard`, from the preload or the WebSocket bridge. */
export type SwitchboardApi = {
  [V in UiVerb]: (input: UiVerbInput<V>) => Promise<IpcResult<UiVerbOutput<V>>>;
} & {
  on<E extends UiEvent>(event: E, listener: (payload: UiEventPayload<E>) => void): () => void;
};

/** The API the engine page sees as `window.engineHost`. */
export type EngineHostApi = {
  report<E extends EngineEvent>(event: E, payload: EngineEventPayload<E>): void;
  onCommand<C extends EngineCommand>(command: C, listener: (payload: EngineCommandPayload<C>) => void): () => void;
};
