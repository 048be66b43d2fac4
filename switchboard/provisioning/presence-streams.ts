import { ProvisioningError } from './service.ts';

/** How many presence event streams may be open at once (docs/status-and-presence.md, "Limits"). */
export type StreamLimits = {
  /**
   * Per signed-in device. The app holds one; the slack covers a reconnect that arrives while the
   * server still holds the old, half-open stream. A new stream past this closes that device's oldest.
   */
  maxStreamsPerDevice: number;
  /** Per company, all devices together. A new stream past this is refused (429, Retry-After). */
  maxStreamsPerCompany: number;
};

/** What the streams did since the service started (the bench and tests read it). */
export type StreamCounts = {
  open: number;
  /** Closed because the same device opened a newer one past `maxStreamsPerDevice`. */
  evicted: number;
  /** Refused at `maxStreamsPerCompany`. */
  refused: number;
  /** Ended because the client fell behind (presence-http.ts: unsent bytes over the bound). */
  dropped: number;
};

/** Seconds a client refused at the company cap is asked to wait (the app backs off on its own too). */
export const STREAM_RETRY_AFTER_SEC = 30;

type Stream<E> = { deviceId: string; listener: (event: E) => void; end: () => void };

/**
 * The open presence streams, by company, with the caps. Sets keep insertion order, so the first
 * stream of a device found in its company's set is that device's oldest.
 */
export class StreamRegistry<E> {
  private readonly byCompany = new Map<number, Set<Stream<E>>>();
  private readonly limits: StreamLimits;
  private evicted = 0;
  private refused = 0;
  private dropped = 0;

  constructor(limits: StreamLimits) {
    this.limits = limits;
  }

  /**
   * Registers a stream. `end` is called when this side ends it (eviction, sign-out, stop);
   * `remove` when the stream closed by itself; `drop` when it fell behind and is being cut off.
   */
  add(
    companyId: number,
    deviceId: string,
    listener: (event: E) => void,
    end: () => void,
  ): { remove: () => void; drop: () => void } {
    const set = this.byCompany.get(companyId) ?? new Set();
    const own = [...set].filter((stream) => stream.deviceId === deviceId);
    // The device's own oldest goes first: that frees a company slot too, so a device at its own cap
    // is never refused because its company is full.
    const evict = own.slice(0, Math.max(0, own.length - this.limits.maxStreamsPerDevice + 1));
    if (set.size - evict.length >= this.limits.maxStreamsPerCompany) {
      this.refused += 1;
      throw new ProvisioningError(
        'rate-limited',
        `Too many presence streams are open for this company. Try again in ${STREAM_RETRY_AFTER_SEC} s.`,
        { retryAfterSec: STREAM_RETRY_AFTER_SEC },
      );
    }
    for (const old of evict) {
      set.delete(old);
      this.evicted += 1;
      old.end();
    }
    const stream: Stream<E> = { deviceId, listener, end };
    set.add(stream);
    this.byCompany.set(companyId, set);
    const remove = () => {
      if (!set.delete(stream)) return false;
      if (set.size === 0 && this.byCompany.get(companyId) === set) this.byCompany.delete(companyId);
      return true;
    };
    return {
      remove: () => void remove(),
      drop: () => {
        if (remove()) this.dropped += 1;
      },
    };
  }

  emit(companyId: number, event: E): void {
    // A copy: a listener may drop its own stream (or be evicted) while we go through the set.
    for (const { listener } of [...(this.byCompany.get(companyId) ?? [])]) {
      try {
        listener(event);
      } catch (error) {
        console.error('provisioning: presence listener failed', error);
      }
    }
  }

  /** Ends every stream of one device (it was signed out or replaced). */
  endDevice(deviceId: string): void {
    for (const [companyId, set] of this.byCompany) {
      for (const stream of set) {
        if (stream.deviceId !== deviceId) continue;
        set.delete(stream);
        stream.end();
      }
      if (set.size === 0) this.byCompany.delete(companyId);
    }
  }

  endAll(): void {
    const all = [...this.byCompany.values()].flatMap((set) => [...set]);
    this.byCompany.clear();
    for (const stream of all) stream.end();
  }

  counts(): StreamCounts {
    let open = 0;
    for (const set of this.byCompany.values()) open += set.size;
    return { open, evicted: this.evicted, refused: this.refused, dropped: this.dropped };
  }
}
