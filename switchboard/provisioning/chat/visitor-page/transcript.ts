/** A message as the service sends it (conversation-store.ts ChatMessage). */
export type Message = {
  seq: number;
  sender: 'visitor' | 'agent' | 'system';
  authorName: string | null;
  clientId: string | null;
  kind: 'text' | 'system' | 'image';
  event: string | null;
  body: string;
  /** An image message's picture, fetched with the token (api.ts fetchImage). */
  image?: { id: string; mime: string; size: number } | null;
  createdAt: number;
};

/** A visitor's message not yet confirmed by the service: retried with the same clientId until it is. */
export type Pending = { clientId: string; text: string; failed: string | null };

/**
 * Adds `incoming` to `known`: one message per seq, in seq order. The backlog of a resumed stream, a
 * send's answer and the live event may all carry the same message; it is shown once.
 */
export function mergeMessages(known: readonly Message[], incoming: readonly Message[]): Message[] {
  const bySeq = new Map<number, Message>();
  for (const message of known) bySeq.set(message.seq, message);
  for (const message of incoming) if (!bySeq.has(message.seq)) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The highest seq seen: where a resumed stream starts (`?after=`). */
export const lastSeq = (messages: readonly Message[]) => messages.at(-1)?.seq ?? 0;

/** Pending sends that the transcript does not show yet (a confirmed one carries the same clientId). */
export function stillPending(pending: readonly Pending[], messages: readonly Message[]): Pending[] {
  const confirmed = new Set(messages.filter((m) => m.sender === 'visitor').map((m) => m.clientId));
  return pending.filter((p) => !confirmed.has(p.clientId));
}

/** The service's limit (chat-limits.ts): counted in code points, as the service counts. */
export const MAX_MESSAGE_CHARS = 5000;
export const messageLength = (text: string) => [...text].length;
