import { z } from 'zod';
import { AudioSettingsSchema, AudioStatusSchema } from './audio.ts';
import { parseServerList } from './server-list.ts';
import { AgentViewSchema } from './presence.ts';
import { ChatDeskViewSchema } from './chat.ts';
import { DisplaySettingsSchema } from './display.ts';

/**
 * Where a SIP account's WebSocket lives; ws:// only for the loopback switchboard in tests and demos.
 * Several addresses (failover, optional weights) are allowed: see server-list.ts.
 */
export const SipServerUrlSchema = z
  .string()
  .trim()
  .max(512)
  .refine((value) => parseServerList(value) !== null, {
    message: 'Server address must look like wss://sip.example.com:443',
  });

export const SipAccountInputSchema = z.strictObject({
  server: SipServerUrlSchema,
  /** Extension or SIP user part, e.g. "1001". */
  user: z
    .string()
    .trim()
    .min(1, 'Enter your extension or user name')
    .max(64)
    .regex(/^[A-Za-z0-9_.+-]+$/, 'Extension may contain letters, digits and . _ + -'),
  /** SIP domain; defaults to the server's host name. */
  domain: z
    .string()
    .trim()
    .max(253)
    .regex(/^[A-Za-z0-9.-]*$/, 'Domain may contain letters, digits, dots and dashes')
    .optional(),
  password: z.string().min(1, 'Enter your password').max(256),
  displayName: z.string().trim().max(64).optional(),
  /** How keypad digits travel in a call: RFC 4733 telephone-events in the audio (default) or SIP INFO. */
  dtmfMode: z.enum(['rfc4733', 'info']).optional(),
});
export type SipAccountInput = z.infer<typeof SipAccountInputSchema>;

/**
 * This computer's device at the company's provisioning service, issued by a sign-in by mobile
 * number. Its token lets the app sign itself out and read the company directory. Never comes
 * from the UI: only the main process stores it, encrypted with the account.
 */
export const ProvisionedDeviceSchema = z.strictObject({
  serviceUrl: z.url({ protocol: /^https?$/ }),
  deviceId: z.string().max(128),
  token: z.string().min(16).max(512),
  companyId: z.number().int().positive(),
  /** The number signed in with; '' after an e-mail sign-in. */
  mobile: z.string().max(32),
  /** The contact-center account's e-mail, after an e-mail and password sign-in. */
  email: z.string().max(254).optional(),
});
export type ProvisionedDevice = z.infer<typeof ProvisionedDeviceSchema>;

/** What the credential store keeps: the SIP account and, after a number sign-in, the device. */
export const SavedAccountSchema = SipAccountInputSchema.extend({ provisioned: ProvisionedDeviceSchema.optional() });
export type SavedAccount = z.infer<typeof SavedAccountSchema>;

/** What the UI may see of an account: never the password. */
export const DtmfModeSchema = z.enum(['rfc4733', 'info']);
export type DtmfMode = z.infer<typeof DtmfModeSchema>;

export const AccountSummarySchema = z.strictObject({
  server: z.string(),
  user: z.string(),
  domain: z.string(),
  displayName: z.string(),
  dtmfMode: DtmfModeSchema.optional(),
  /**
   * After a sign-in with "Remember me" ticked, where the account was kept once registered: the OS
   * keychain, a weaker key file (the browser host), or nowhere (no keychain): the app says which.
   */
  remembered: z.enum(['keychain', 'weak', 'not-saved']).optional(),
  /** Signed in with this e-mail and a password (Settings then offers Change password). */
  email: z.string().max(254).optional(),
});
export type AccountSummary = z.infer<typeof AccountSummarySchema>;

/** reconnecting: the connection dropped after registering, another attempt is due (at retryAt); offline: the OS has no network. */
export const RegistrationStatusSchema = z.enum([
  'signed-out',
  'connecting',
  'registered',
  'unregistered',
  'error',
  'reconnecting',
  'offline',
]);
export type RegistrationStatus = z.infer<typeof RegistrationStatusSchema>;

/** Why registration failed, as a code the UI translates. */
export const RegistrationErrorSchema = z.enum([
  'auth-failed',
  'server-unreachable',
  'tls-failed',
  'timeout',
  'rejected',
  'connection-lost',
  'engine-unavailable',
  /** After a number sign-in: this device was revoked because the person signed in on another computer. */
  'signed-in-elsewhere',
  /** After a number sign-in: an administrator signed this device out. */
  'signed-out-by-admin',
  /** After an e-mail sign-in: the account's password was changed or reset on another computer. */
  'password-changed',
  /** The saved sign-in could not be read (corrupt or undecryptable file): sign in again. */
  'account-lost',
]);
export type RegistrationError = z.infer<typeof RegistrationErrorSchema>;

export const RegistrationStateSchema = z.strictObject({
  status: RegistrationStatusSchema,
  error: RegistrationErrorSchema.optional(),
  /** Server's words, e.g. "403 Forbidden", shown under the translated reason. */
  detail: z.string().max(256).optional(),
  /** While reconnecting: when (epoch ms) the next attempt starts; absent while an attempt is under way. */
  retryAt: z.number().int().nonnegative().optional(),
});
export type RegistrationState = z.infer<typeof RegistrationStateSchema>;

export const CallDirectionSchema = z.enum(['incoming', 'outgoing']);
export type CallDirection = z.infer<typeof CallDirectionSchema>;

/**
 * dialing: INVITE sent; ringing: far end alerting; incoming: ringing here;
 * connecting: answered, media being set up; connected: talking; ended: over.
 */
export const CallPhaseSchema = z.enum(['dialing', 'ringing', 'incoming', 'connecting', 'connected', 'ended']);
export type CallPhase = z.infer<typeof CallPhaseSchema>;

export const CallOutcomeSchema = z.enum([
  'answered',
  'missed',
  'declined',
  'cancelled',
  'busy',
  'no-answer',
  'failed',
  'interrupted',
]);
export type CallOutcome = z.infer<typeof CallOutcomeSchema>;

export const CallIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Invalid call id');

/** What the call sounds like now, from WebRTC statistics over the last few seconds (see mos.ts). */
export const CallQualitySchema = z.strictObject({
  /** Estimated MOS, 1 … 4.5 (ITU-T G.107 E-model, simplified). */
  mos: z.number().min(1).max(5),
  level: z.enum(['good', 'fair', 'poor']),
  /** Packets lost, percent, in the worse direction. */
  lossPercent: z.number().min(0).max(100),
  jitterMs: z.number().min(0),
  rttMs: z.number().min(0),
});
export type CallQuality = z.infer<typeof CallQualitySchema>;

/**
 * The wrap-up of a call (TCCC's 服务小结), picked during the after-call work that followed it: the code
 * and its label as the company's list had it then, an optional plain-text note, and `missing` when the
 * company required a code and after-call work ended without one.
 */
export const CallWrapUpSchema = z.strictObject({
  code: z.string().min(1).max(32).optional(),
  label: z.string().min(1).max(64).optional(),
  note: z.string().min(1).max(500).optional(),
  missing: z.boolean().optional(),
});
export type CallWrapUp = z.infer<typeof CallWrapUpSchema>;

/** A call's quality over its whole length, kept in the call log. */
export const CallQualitySummarySchema = z.strictObject({
  minMos: z.number().min(1).max(5),
  avgMos: z.number().min(1).max(5),
  /** Mean of the per-interval loss, percent. */
  lossPercent: z.number().min(0).max(100),
  /** Mean interarrival jitter, ms. */
  jitterMs: z.number().min(0),
});
export type CallQualitySummary = z.infer<typeof CallQualitySummarySchema>;

export const CallSnapshotSchema = z.strictObject({
  id: CallIdSchema,
  direction: CallDirectionSchema,
  phase: CallPhaseSchema,
  remoteNumber: z.string().max(128),
  remoteName: z.string().max(128).optional(),
  /** Epoch milliseconds. */
  startedAt: z.number().int().nonnegative(),
  answeredAt: z.number().int().nonnegative().optional(),
  endedAt: z.number().int().nonnegative().optional(),
  outcome: CallOutcomeSchema.optional(),
  /** SIP cause or local reason, e.g. "Busy", "Rejected", "Canceled". */
  endReason: z.string().max(128).optional(),
  /** Our microphone is off: the far side hears silence. */
  muted: z.boolean().optional(),
  /** We put the call on hold (the far side hears hold music). */
  held: z.boolean().optional(),
  /** Our hold is the contact-center hold: we still hear the far side (docs/adr/0005-listening-hold.md). */
  holdListening: z.boolean().optional(),
  /** The far side put us on hold. */
  remoteHeld: z.boolean().optional(),
  /** Either side held the call at some point; kept in the call log. */
  wasHeld: z.boolean().optional(),
  /** Digits of a dial string after ";" waiting for the user to press "Send". */
  pendingDigits: z.string().max(64).optional(),
  /** Keypad digits the far side sent us by SIP INFO, latest last. */
  receivedDigits: z.string().max(64).optional(),
  /** A transfer of this call we started: trying until the target answers, then done (our leg ends), or failed. */
  transfer: z
    .strictObject({
      kind: z.enum(['blind', 'attended']),
      target: z.string().max(128),
      status: z.enum(['trying', 'done', 'failed']),
      /** Why it failed, in the server's words ("486 Busy Here"). */
      reason: z.string().max(128).optional(),
    })
    .optional(),
  /** This call is the consultation before an attended transfer of that (held) call. */
  consultFor: CallIdSchema.optional(),
  /** This call came in while another call was up (call waiting). */
  waiting: z.boolean().optional(),
  /** We placed this call because the party of another call transferred us (REFER): their name or number. */
  transferredBy: z.string().max(128).optional(),
  /** The latest quality estimate while media flows. */
  quality: CallQualitySchema.optional(),
  /** Quality so far over the whole call; the ended snapshot's goes into the call log. */
  qualitySummary: CallQualitySummarySchema.optional(),
  /** How long the switchboard lets this call ring here (X-Switchboard-Ring-Timeout), seconds. */
  ringTimeoutSec: z.number().int().min(1).max(600).optional(),
  /** The group (hotline) number this call came in through (X-Switchboard-Group). */
  group: z.string().max(64).optional(),
  /** Its name, from the presence snapshot, filled in by main. */
  groupName: z.string().max(128).optional(),
  /** Answered by auto-answer after a short tone. */
  autoAnswer: z.boolean().optional(),
});
export type CallSnapshot = z.infer<typeof CallSnapshotSchema>;
export type CallTransfer = NonNullable<CallSnapshot['transfer']>;
export type TransferKind = CallTransfer['kind'];

/** Digits, *, #, + and a SIP URI's user@host are all dialable. */
export const DialTargetSchema = z
  .string()
  .trim()
  .min(1, 'Enter a number to call')
  .max(128, 'That number is too long')
  .regex(/^(sip:)?[A-Za-z0-9*#+_.-]+(@[A-Za-z0-9.:-]+)?$/, 'That is not a number or SIP address');

/**
 * What the dial field sends: a dial target, optionally followed by digits to send once the
 * call connects ("0255795125,,8057": wait 2 s per comma; "…;8057": ask, then send). See dial-string.ts.
 */
export const DialStringSchema = z
  .string()
  .trim()
  .min(1, 'Enter a number to call')
  .max(160, 'That number is too long')
  .refine(
    (value) => {
      const cut = value.search(/[,;]/);
      const target = cut < 0 ? value : value.slice(0, cut);
      const rest = cut < 0 ? '' : value.slice(cut);
      return DialTargetSchema.safeParse(target).success && /^[0-9*#,;]*$/.test(rest);
    },
    { message: 'That is not a number or SIP address' },
  );

/** Digits to send after connect: "," pauses, ";" waits for the user, 0-9 * # are sent. */
export const PostDialSchema = z
  .string()
  .max(64)
  .regex(/^[0-9*#,;]*$/, 'Only digits, * # , ; may follow the number');

export const DtmfDigitsSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[0-9*#]+$/, 'Only 0-9 * # can be sent');

export const LanguageSchema = z.enum(['zh-CN', 'en', 'sv', 'fr']);
export type Language = z.infer<typeof LanguageSchema>;
export const LanguagePreferenceSchema = z.enum(['system', 'zh-CN', 'en', 'sv', 'fr']);
export type LanguagePreference = z.infer<typeof LanguagePreferenceSchema>;

export const CallLogEntrySchema = z.strictObject({
  id: z.string(),
  direction: CallDirectionSchema,
  remoteNumber: z.string(),
  remoteName: z.string().optional(),
  startedAt: z.number().int(),
  answeredAt: z.number().int().optional(),
  endedAt: z.number().int().optional(),
  durationSec: z.number().int().nonnegative(),
  outcome: CallOutcomeSchema.optional(),
  endReason: z.string().optional(),
  /** The call was on hold at some point. */
  held: z.boolean().optional(),
  /** We transferred the call: to whom and how. */
  transferKind: z.enum(['blind', 'attended']).optional(),
  transferTarget: z.string().optional(),
  /** It came in while another call was up (call waiting). */
  waiting: z.boolean().optional(),
  /** How the call sounded, when it had media to measure. */
  quality: CallQualitySummarySchema.optional(),
  wrapUp: CallWrapUpSchema.optional(),
});
export type CallLogEntry = z.infer<typeof CallLogEntrySchema>;

/** Which calls the history shows: every call, or only missed, incoming or outgoing ones. */
export const CallLogFilterSchema = z.enum(['all', 'missed', 'incoming', 'outgoing']);
export type CallLogFilter = z.infer<typeof CallLogFilterSchema>;

/** Keyset cursor: the last entry of the previous page. */
export const CallLogCursorSchema = z.strictObject({ startedAt: z.number().int(), id: z.string().max(64) });

/** What a history list shows; paging is separate (limit, before). */
export const CallLogViewSchema = z.strictObject({
  filter: CallLogFilterSchema.optional(),
  /** Substring of the number or the name, case-insensitive. */
  search: z.string().max(64).optional(),
  /** Only calls with exactly this number: a number's history. */
  number: z.string().max(128).optional(),
});
export type CallLogView = z.infer<typeof CallLogViewSchema>;

/** How long the history keeps calls. */
export const HistoryRetentionSchema = z.enum(['forever', '1y', '90d']);
export type HistoryRetention = z.infer<typeof HistoryRetentionSchema>;

export const ExportFormatSchema = z.enum(['csv', 'xlsx']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/** What the history view shows beside the list: the missed-call badge and the retention setting. */
export const CallHistoryInfoSchema = z.strictObject({
  missedUnseen: z.number().int().nonnegative(),
  retention: HistoryRetentionSchema,
});
export type CallHistoryInfo = z.infer<typeof CallHistoryInfoSchema>;

export const AppStateSchema = z.strictObject({
  account: AccountSummarySchema.nullable(),
  registration: RegistrationStateSchema,
  calls: z.array(CallSnapshotSchema),
  language: LanguageSchema,
  languagePreference: LanguagePreferenceSchema,
  /** The user's audio choices (settings). */
  audioSettings: AudioSettingsSchema.optional(),
  /** The devices the engine found and uses; absent until an engine runs. */
  audio: AudioStatusSchema.optional(),
  /** Theme and text size (issue 21); absent: the defaults (follow the OS, 100 %). */
  display: DisplaySettingsSchema.optional(),
  /** Our own working status (issue 10); colleagues' presence is asked for separately, never broadcast whole. */
  agent: AgentViewSchema.optional(),
  /** The Chats tab (issue 16): only for a sign-in with a company. */
  chat: ChatDeskViewSchema.optional(),
  /** An e-mail sign-in as supervisor (only, or and agent): the Team tab shows (issue 19). */
  supervising: z.boolean().optional(),
});
export type AppState = z.infer<typeof AppStateSchema>;
