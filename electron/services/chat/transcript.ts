/**
 * One conversation's transcript in the app: the service's messages merged by seq (each once, in
 * order, whatever mix of stream, catch-up and send answers brought them) and our sends not yet
 * confirmed, which leave when the service's copy (same client id) arrives.
 */
import type { ChatItem, ChatMessage, ChatTranscript, PendingSend } from '../../../src/shared/chat.ts';

/** The list shows one short line. */
const LAST_LINE_MAX = 120;

export class Transcript {
  readonly id: string;
  private readonly bySeq = new Map<number, ChatMessage>();
  private sorted: ChatMessage[] = [];
  private pending: PendingSend[] = [];

  constructor(id: string) {
    this.id = id;
  }

  /** The highest seq held with none missing below it: the point to catch up from. */
  get contiguousSeq(): number {
    let seq = 0;
    while (this.bySeq.has(seq + 1)) seq++;
    return seq;
  }

  get lastSeq(): number {
    return this.sorted.at(-1)?.seq ?? 0;
  }

  /** Adds what is new; answers whether anything changed. */
  merge(messages: readonly ChatMessage[]): boolean {
    let changed = false;
    for (const message of messages) {
      if (this.bySeq.has(message.seq)) continue;
      this.bySeq.set(message.seq, message);
      changed = true;
      if (message.sender === 'agent' && message.clientId !== null) {
        this.pending = this.pending.filter((p) => p.clientId !== message.clientId);
      }
    }
    if (changed) this.sorted = [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
    return changed;
  }

  addPending(send: PendingSend): void {
    this.pending = [...this.pending, send];
  }

  /** Still waiting for the service (null), or refused / unreachable (a code). */
  markPending(clientId: string, failed: string | null): void {
    this.pending = this.pending.map((p) => (p.clientId === clientId ? { ...p, failed } : p));
  }

  discardPending(clientId: string): void {
    this.pending = this.pending.filter((p) => p.clientId !== clientId);
  }

  pendingSends(): readonly PendingSend[] {
    return this.pending;
  }

  hasPending(clientId: string): boolean {
    return this.pending.some((p) => p.clientId === clientId);
  }

  view(): ChatTranscript {
    return { conversationId: this.id, messages: this.sorted, pending: this.pending };
  }

  /** Visitor messages after `seq` (the unread count beyond what the service last said). */
  visitorMessagesAfter(seq: number): number {
    return this.sorted.filter((m) => m.seq > seq && m.sender === 'visitor').length;
  }

  lastLine(): ChatItem['lastLine'] {
    const last = this.sorted.at(-1);
    if (!last) return null;
    const oneLine = last.body.replace(/\s+/g, ' ').trim();
    const cut = [...oneLine];
    return {
      sender: last.sender,
      text: cut.length > LAST_LINE_MAX ? `${cut.slice(0, LAST_LINE_MAX).join('')}…` : oneLine,
      event: last.event,
      at: last.createdAt,
      ...(last.kind === 'image' ? { image: true } : {}),
    };
  }

  /** Since when the visitor has waited for an answer: their first message after our last one; null when answered. */
  waitingSince(): number | null {
    let since: number | null = null;
    for (const message of this.sorted) {
      if (message.sender === 'agent') since = null;
      else if (message.sender === 'visitor') since ??= message.createdAt;
    }
    return since;
  }
}
