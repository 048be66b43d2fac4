import { ProvisioningError } from '../problems.ts';
import type { ChatStreamLimits } from './chat-streams.ts';

/** What one visitor or agent may hold and do (docs/chat.md, "Limits"). */
export type ChatLimits = ChatStreamLimits & {
  /** Messages a visitor may send at once, then `visitorMessagesPerMinute` (per conversation). */
  visitorMessageBurst: number;
  visitorMessagesPerMinute: number;
  /** New chats one client address may start at once, then `visitsPerMinute`. */
  visitBurst: number;
  visitsPerMinute: number;
  /** Messages (text or image) one person may send to colleagues at once, then `internalMessagesPerMinute`. */
  internalMessageBurst: number;
  internalMessagesPerMinute: number;
  /** Unsent bytes (beyond the first frames) a stream may hold before it is cut to reconnect (chat-http.ts). */
  maxBufferedBytes: number;
};

export const defaultChatLimits: ChatLimits = {
  maxStreamsPerKey: 4,
  maxStreams: 20_000,
  visitorMessageBurst: 10,
  visitorMessagesPerMinute: 30,
  visitBurst: 5,
  visitsPerMinute: 10,
  internalMessageBurst: 20,
  internalMessagesPerMinute: 60,
  maxBufferedBytes: 256 * 1024,
};

/** The longest message, in characters (Unicode code points, as SQLite's length() counts them). */
export const MAX_MESSAGE_CHARS = 5000;

/** A message's text as sent: not blank, at most MAX_MESSAGE_CHARS; refused with a message saying which. */
export function checkText(text: string): string {
  if (text.trim().length === 0) throw new ProvisioningError('invalid-request', 'The message is empty');
  let chars = 0;
  for (const _ of text) chars += 1;
  if (chars > MAX_MESSAGE_CHARS) {
    throw new ProvisioningError(
      'message-too-long',
      `A message is at most ${MAX_MESSAGE_CHARS.toLocaleString('en')} characters; this one has ${chars.toLocaleString('en')}`,
    );
  }
  return text;
}
