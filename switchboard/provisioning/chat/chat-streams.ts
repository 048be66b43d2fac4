import { ProvisioningError } from '../problems.ts';

/** How many chat event streams may be open (docs/chat.md, "Limits"). */
export type ChatStreamLimits = {
  /** Per key (a visitor's conversation, an agent): a new one past this ends the oldest (a reload's old tab). */
  maxStreamsPerKey: number;
  /** On the whole service: a new stream past this is refused (429). */
  maxStreams: number;
};

type Stream<E> = { key: string; deviceId: string | null; listener: (event: E) => void; end: () => void };

/** The open chat streams by key: `c:<conversation>` for visitors, `p:<person>` for agents. */
export class ChatStreams<E> {
  private readonly byKey = new Map<string, Set<Stream<E>>>();
  private readonly limits: ChatStreamLimits;
  private open = 0;

  constructor(limits: ChatStreamLimits) {
    this.limits = limits;
  }

  add(key: string, deviceId: string | null, listener: (event: E) => void, end: () => void): () => void {
    const set = this.byKey.get(key) ?? new Set();
    const evict = [...set].slice(0, Math.max(0, set.size - this.limits.maxStreamsPerKey + 1));
    if (this.open - evict.length >= this.limits.maxStreams) {
      throw new ProvisioningError('rate-limited', 'Too many chat streams are open. Try again in 30 s.', {
        retryAfterSec: 30,
      });
    }
    for (const old of evict) {
      this.delete(old);
      old.end();
    }
    const stream: Stream<E> = { key, deviceId, listener, end };
    set.add(stream);
    this.byKey.set(key, set);
    this.open += 1;
    return () => this.delete(stream);
  }

  emit(key: string, event: E): void {
    for (const { listener } of [...(this.byKey.get(key) ?? [])]) {
      try {
        listener(event);
      } catch (error) {
        console.error('provisioning: chat listener failed', error);
      }
    }
  }

  /** A signed-out device sees no more of its person's chats. */
  endDevice(deviceId: string): void {
    for (const set of [...this.byKey.values()]) {
      for (const stream of [...set]) {
        if (stream.deviceId !== deviceId) continue;
        this.delete(stream);
        stream.end();
      }
    }
  }

  endAll(): void {
    const all = [...this.byKey.values()].flatMap((set) => [...set]);
    this.byKey.clear();
    this.open = 0;
    for (const stream of all) stream.end();
  }

  count(): number {
    return this.open;
  }

  private delete(stream: Stream<E>): void {
    const set = this.byKey.get(stream.key);
    if (!set?.delete(stream)) return;
    this.open -= 1;
    if (set.size === 0) this.byKey.delete(stream.key);
  }
}
