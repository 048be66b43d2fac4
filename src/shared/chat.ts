/**
 * Online customer service (issue 16), the agent's side: what the provisioning service's chat desk
 * sends (docs/chat.md, checked with zod before anyone sees it) and what the window is shown of it.
 */
import { z } from 'zod';
import { InternalChatItemSchema } from './internal-chat.ts';

/** The service's limit on a message, in code points (chat-limits.ts). */
export const CHAT_TEXT_MAX = 5000;

export const ChatIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
/** An image's id: 128 random bits, as a conversation's. */
export const ChatImageIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

/** 上传图片: what the service takes (it sniffs the bytes), and how big. */
export const CHAT_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export const CHAT_IMAGE_MAX_BYTES = 10 * 1024 * 1024;

/** 满意度评价 (chat-survey.ts SurveyView): sent and waiting for the visitor, or answered. */
export const ChatSurveySchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('sent'), sentAt: z.number() }),
  z.strictObject({
    state: z.literal('answered'),
    sentAt: z.number(),
    score: z.number().int().min(1).max(5),
    comment: z.string().nullable(),
    answeredAt: z.number(),
  }),
]);
export type ChatSurvey = z.infer<typeof ChatSurveySchema>;

const SystemEventSchema = z.enum([
  'agent-joined',
  'transferred',
  'agent-left',
  'ended-by-agent',
  'ended-by-visitor',
  'timeout',
  'survey-sent',
  'survey-answered',
]);
export type ChatSystemEvent = z.infer<typeof SystemEventSchema>;
const EndReasonSchema = z.enum(['agent', 'visitor', 'timeout', 'no-agent']);
const ChatStateSchema = z.enum(['queued', 'offered', 'open', 'ended']);

/** One line of a transcript; `body` is plain text, only ever shown as text. */
export const ChatMessageSchema = z.object({
  seq: z.number().int().positive(),
  sender: z.enum(['visitor', 'agent', 'system']),
  authorName: z.string().nullable(),
  clientId: z.string().nullable(),
  kind: z.enum(['text', 'system', 'image']),
  event: SystemEventSchema.nullable(),
  body: z.string(),
  /** An image message's picture; its bytes come through main (getChatImage), never by URL from the page. */
  image: z
    .object({ id: ChatImageIdSchema, mime: z.enum(CHAT_IMAGE_TYPES), size: z.number().int().positive() })
    .nullable()
    .optional(),
  createdAt: z.number(),
  /** In an internal chat (issue 17): mine, or the colleague's (both are sender 'agent'). */
  mine: z.boolean().optional(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** A conversation on the service's desk (chat-views.ts ChatSummary). */
export const ChatSummarySchema = z.object({
  id: ChatIdSchema,
  state: ChatStateSchema,
  visitorId: z.string(),
  visitorNickname: z.string().nullable(),
  siteUserId: z.string().nullable(),
  channel: z.enum(['web', 'app']),
  groupId: z.number().int().nullable(),
  enteredAt: z.number(),
  agentJoinedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  endReason: EndReasonSchema.nullable(),
  offerExpiresAt: z.number().nullable(),
  transferNote: z.string().nullable(),
  lastSeq: z.number().int().nonnegative(),
  unread: z.number().int().nonnegative(),
  survey: ChatSurveySchema.nullable().optional(),
  /** A message the visitor left when the queue was full (留言, in the group's records). */
  leftMessage: z.literal(true).optional(),
});
export type ChatSummary = z.infer<typeof ChatSummarySchema>;

export const AgentDeskSchema = z.object({
  offers: z.array(ChatSummarySchema),
  open: z.array(ChatSummarySchema),
  recent: z.array(ChatSummarySchema),
  at: z.number(),
});
export type AgentDesk = z.infer<typeof AgentDeskSchema>;

export const DeskMessageEventSchema = z.object({ conversationId: ChatIdSchema, message: ChatMessageSchema });

export const ChatGroupSchema = z.strictObject({ id: z.number().int().positive(), name: z.string() });
export type ChatGroup = z.infer<typeof ChatGroupSchema>;

/** A line of the list: a conversation with what the list shows of it (times in this computer's clock). */
export const ChatItemSchema = z.strictObject({
  id: ChatIdSchema,
  state: ChatStateSchema,
  /** The site's nickname, or null (the UI says "Visitor" and the short id). */
  visitorName: z.string().nullable(),
  /** A short, stable tag for an anonymous visitor (the first characters of their id). */
  visitorTag: z.string(),
  siteUserId: z.string().nullable(),
  channel: z.enum(['web', 'app']),
  enteredAt: z.number(),
  agentJoinedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  endReason: EndReasonSchema.nullable(),
  /** When the offer stops ringing, in this computer's clock. */
  offerExpiresAt: z.number().nullable(),
  transferNote: z.string().nullable(),
  unread: z.number().int().nonnegative(),
  /** The last line of the transcript, cut to one short line; null before anything was said. */
  lastLine: z
    .strictObject({
      sender: z.enum(['visitor', 'agent', 'system']),
      text: z.string(),
      event: SystemEventSchema.nullable(),
      at: z.number(),
      /** The last line is an image (its text is empty; the list says "[Image]"). */
      image: z.boolean().optional(),
    })
    .nullable(),
  /** 满意度评价 in this chat (times in this computer's clock); null: not sent. */
  survey: ChatSurveySchema.nullable().optional(),
  /** The visitor's last unanswered message time: how long they have been waiting for us (null: answered). */
  waitingSince: z.number().nullable(),
  /** A message the visitor left when the queue was full (留言): the records say so. */
  leftMessage: z.literal(true).optional(),
});
export type ChatItem = z.infer<typeof ChatItemSchema>;

/** A shop order as the company's context endpoint tells it (its text only ever shown as text). */
export const ChatOrderSchema = z.object({
  id: z.string().max(64),
  title: z.string().max(200),
  amount: z.string().max(40),
  status: z.string().max(40),
  createdAt: z.number(),
  items: z.array(z.object({ name: z.string().max(200), quantity: z.number().int() })).max(50),
  address: z.string().max(300).nullable(),
});
export type ChatOrder = z.infer<typeof ChatOrderSchema>;

/** The customer context of a chat (832's buyer orders): details and a page of recent orders. */
export const ChatContextSchema = z.object({
  customer: z.object({ userId: z.string(), nickname: z.string().nullable(), level: z.string().nullable() }).nullable(),
  orders: z.array(ChatOrderSchema).max(50),
  nextCursor: z.string().max(200).nullable(),
  /** false: the company has set no context endpoint (a service from before the setting: true). */
  configured: z.boolean().default(true),
});
export type ChatContext = z.infer<typeof ChatContextSchema>;

/** Searching the service records: text in the customer's id or nickname, ended within [from, to) (ms). */
export const ChatRecordQuerySchema = z.strictObject({
  q: z.string().max(100).optional(),
  from: z.number().int().nonnegative().optional(),
  to: z.number().int().nonnegative().optional(),
  /** Paging (keyset): the records that ended before this one, the last one shown. */
  beforeId: ChatIdSchema.optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
export type ChatRecordQuery = z.infer<typeof ChatRecordQuerySchema>;

/** The Chats tab's state (part of AppState): present only for a sign-in with a company. */
export const ChatDeskViewSchema = z.strictObject({
  connection: z.enum(['connecting', 'live', 'offline']),
  offers: z.array(ChatItemSchema),
  open: z.array(ChatItemSchema),
  recent: z.array(ChatItemSchema),
  /** Internal chats with colleagues (issue 17), their own section; latest message first. */
  internal: z.array(InternalChatItemSchema).optional(),
  /**
   * A chat accepted in the small offer window: the main window, coming up, shows it (Chats tab). Gone
   * once the main window opens that chat (openChat).
   */
  show: ChatIdSchema.optional(),
});
export type ChatDeskView = z.infer<typeof ChatDeskViewSchema>;

/** A send not yet confirmed by the service (kept and sent again with the same client id). */
export const PendingSendSchema = z.strictObject({
  clientId: z.string(),
  text: z.string(),
  createdAt: z.number(),
  /** Why the last try failed (a refusal code), or null while it is being sent. */
  failed: z.string().nullable(),
  /** An image on its way (its bytes stay in main; the window shows a placeholder). */
  image: z.boolean().optional(),
});
export type PendingSend = z.infer<typeof PendingSendSchema>;

/** One conversation's transcript as the window shows it. */
export const ChatTranscriptSchema = z.strictObject({
  conversationId: ChatIdSchema,
  messages: z.array(ChatMessageSchema),
  pending: z.array(PendingSendSchema),
});
export type ChatTranscript = z.infer<typeof ChatTranscriptSchema>;

export const ChatTransferTargetSchema = z.union([
  z.strictObject({ extension: z.string().regex(/^\d{2,8}$/) }),
  z.strictObject({ groupId: z.number().int().positive() }),
]);
export type ChatTransferTarget = z.infer<typeof ChatTransferTargetSchema>;

/** Code points, as the service counts (an emoji is one, not two UTF-16 units). */
export const chatTextLength = (text: string) => [...text].length;
