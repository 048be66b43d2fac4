/**
 * The Chats tab's UI → main requests (issue 16: customer chats, records, customer context, images,
 * the survey), part of uiVerbs in contract.ts and checked there with every other verb.
 */
import { z } from 'zod';
import {
  ChatContextSchema,
  ChatGroupSchema,
  ChatIdSchema,
  ChatImageIdSchema,
  CHAT_IMAGE_MAX_BYTES,
  ChatItemSchema,
  ChatRecordQuerySchema,
  ChatTranscriptSchema,
  ChatTransferTargetSchema,
} from '../chat.ts';
import { InternalSearchHitSchema } from '../internal-chat.ts';

const chatRef = z.strictObject({ id: ChatIdSchema });

export const chatVerbs = {
  /**
   * Online customer service (issue 16). The window shows this chat (null: none): answers its transcript,
   * marks it read, and what arrives while it is shown counts as read.
   */
  openChat: { input: z.strictObject({ id: ChatIdSchema.nullable() }), output: ChatTranscriptSchema.nullable() },
  /** Queued with a client id and retried with it until stored once; over 5,000 characters is refused. */
  sendChatMessage: {
    input: z.strictObject({ id: ChatIdSchema, text: z.string().min(1).max(20_000) }),
    output: z.void(),
  },
  /** A send the service refused: take it off the transcript. */
  discardChatSend: { input: z.strictObject({ id: ChatIdSchema, clientId: z.string().max(80) }), output: z.void() },
  /** 接待: take the offer before its countdown ends. */
  acceptChat: { input: chatRef, output: z.void() },
  /** 结束会话 (the UI asks to confirm first). */
  endChat: { input: chatRef, output: z.void() },
  /** 不显示: an ended chat leaves the list; nothing is deleted. */
  hideChat: { input: chatRef, output: z.void() },
  /** 转接 to a colleague (by extension) or to a chat group, with an optional note. */
  transferChat: {
    input: z.strictObject({
      id: ChatIdSchema,
      to: ChatTransferTargetSchema,
      note: z.string().trim().min(1).max(500).optional(),
    }),
    output: z.void(),
  },
  listChatGroups: { input: z.strictObject({}), output: z.array(ChatGroupSchema) },
  /** 服务记录: my ended chats by customer (user id or nickname) and day, newest first. */
  searchChatRecords: { input: ChatRecordQuerySchema, output: z.array(ChatItemSchema) },
  /** 重新会话: a new chat with the customer of an ended one, open at once; answers its id. */
  reopenChat: { input: chatRef, output: chatRef },
  /** Contact a customer by their site user id (app/web users); answers the new chat's id. */
  contactChatUser: { input: z.strictObject({ userId: z.string().trim().min(1).max(100) }), output: chatRef },
  /** The customer's details and recent orders from the company's context endpoint, a page after `cursor`. */
  getChatContext: {
    input: z.strictObject({ id: ChatIdSchema, cursor: z.string().max(200).nullable() }),
    output: ChatContextSchema,
  },
  /**
   * 上传图片: the picked image's bytes (base64; main decodes them) with a client id made in main, retried
   * with it; the service sniffs the content (PNG, JPEG, GIF, WebP only) and refuses over 10 MB.
   */
  sendChatImage: {
    input: z.strictObject({
      id: ChatIdSchema,
      base64: z
        .string()
        .min(4)
        .max(Math.ceil(CHAT_IMAGE_MAX_BYTES / 3) * 4)
        .regex(/^[A-Za-z0-9+/]+={0,2}$/),
    }),
    output: z.void(),
  },
  /** An image of a chat on my desk as a data: URL (the device token stays in main; CSP img-src allows data:). */
  getChatImage: {
    input: z.strictObject({ id: ChatIdSchema, imageId: ChatImageIdSchema }),
    output: z.strictObject({ dataUrl: z.string() }),
  },
  /** 满意度评价: sent once per chat, while it is open. */
  sendChatSurvey: { input: chatRef, output: z.void() },
  /**
   * Internal chat (issue 17): "Message" on a colleague (their directory id); answers our one chat's id.
   * Its transcript, sends, images and hiding then go by the verbs above (main knows which kind an id is).
   */
  startInternalChat: { input: z.strictObject({ personId: z.number().int().positive() }), output: chatRef },
  /** Text in my internal chats (hidden ones too), or in one of them; newest first. */
  searchInternalChats: {
    input: z.strictObject({ q: z.string().trim().min(1).max(100), id: ChatIdSchema.nullable() }),
    output: z.array(InternalSearchHitSchema),
  },
} as const;
