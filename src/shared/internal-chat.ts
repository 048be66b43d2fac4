/**
 * Internal chat between colleagues (issue 17): what the provisioning service sends of a person's chats
 * (internal-chats.ts, checked with zod) and what the Chats tab's own section is shown of them.
 */
import { z } from 'zod';

/** A conversation id, as chat.ts's ChatIdSchema (not imported: chat.ts imports this file for ChatDeskView). */
const ChatIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

/** One of my internal chats as the service lists it (InternalChatSummary). */
export const InternalChatSummarySchema = z.object({
  id: ChatIdSchema,
  startedAt: z.number(),
  lastSeq: z.number().int().nonnegative(),
  peer: z.object({ personId: z.number().int(), name: z.string(), extension: z.string() }),
  readSeq: z.number().int().nonnegative(),
  unread: z.number().int().nonnegative(),
  peerDeliveredSeq: z.number().int().nonnegative(),
  peerReadSeq: z.number().int().nonnegative(),
  lastMessage: z
    .object({
      seq: z.number().int(),
      kind: z.enum(['text', 'image']),
      body: z.string(),
      createdAt: z.number(),
      mine: z.boolean(),
    })
    .nullable(),
});
export type InternalChatSummary = z.infer<typeof InternalChatSummarySchema>;

export const InternalChatListSchema = z.object({
  chats: z.array(InternalChatSummarySchema),
  unread: z.number().int().nonnegative(),
  at: z.number(),
});
export type InternalChatList = z.infer<typeof InternalChatListSchema>;

/** A line of the internal section (times in this computer's clock). */
export const InternalChatItemSchema = z.strictObject({
  id: ChatIdSchema,
  peer: z.strictObject({ personId: z.number().int(), name: z.string(), extension: z.string() }),
  unread: z.number().int().nonnegative(),
  /** The colleague received / read my messages up to these seqs (the ✓ and "Read" marks). */
  peerDeliveredSeq: z.number().int().nonnegative(),
  peerReadSeq: z.number().int().nonnegative(),
  lastLine: z.strictObject({ mine: z.boolean(), text: z.string(), image: z.boolean(), at: z.number() }).nullable(),
});
export type InternalChatItem = z.infer<typeof InternalChatItemSchema>;

/** A search hit in my internal chats, newest first (times in this computer's clock). */
export const InternalSearchHitSchema = z.strictObject({
  conversationId: ChatIdSchema,
  peerName: z.string(),
  seq: z.number().int().positive(),
  authorName: z.string().nullable(),
  body: z.string(),
  createdAt: z.number(),
});
export type InternalSearchHit = z.infer<typeof InternalSearchHitSchema>;
