import type { Clock } from './clock.ts';

export type BucketSettings = {
  /** Requests allowed at once after a quiet spell. */
  burst: number;
  /** Tokens added back per minute (the sustained rate). */
  perMinute: number;
};

export type Take = { ok: true } | { ok: false; retryAfterSec: number };

/** Buckets not touched for this long are full again and forgotten once the map grows past PRUNE_AT. */
const PRUNE_AT = 10_000;

/**
 * One token bucket per key (a person), on the service's Clock so tests move time by hand.
 * Written here rather than taken from npm: the maintained limiters (limiter, rate-limiter-flexible)
 * run on their own timers and wall clock and are async, and this is twenty lines.
 */
export class TokenBuckets<K> {
  private readonly buckets = new Map<K, { tokens: number; at: number }>();
  private readonly settings: BucketSettings;
  private readonly clock: Clock;

  constructor(settings: BucketSettings, clock: Clock) {
    this.settings = settings;
    this.clock = clock;
  }

  take(key: K): Take {
    const now = this.clock.now();
    const { burst, perMinute } = this.settings;
    const perMs = perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return { ok: false, retryAfterSec: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > PRUNE_AT) this.prune(now);
    return { ok: true };
  }

  size(): number {
    return this.buckets.size;
  }

  /** Forgets buckets that have refilled: they would start full anyway. */
  private prune(now: number): void {
    const { burst, perMinute } = this.settings;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) * perMinute) / 60_000 >= burst) this.buckets.delete(key);
    }
  }
}
