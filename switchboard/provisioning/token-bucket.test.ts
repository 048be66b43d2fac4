import { describe, expect, it } from 'vitest';
import { ManualClock } from './test-support/manual-clock.ts';
import { TokenBuckets } from './token-bucket.ts';

describe('TokenBuckets', () => {
  it('allows a burst, then refuses with the seconds until the next token', () => {
    const clock = new ManualClock();
    const buckets = new TokenBuckets<number>({ burst: 3, perMinute: 6 }, clock);
    expect([1, 2, 3].map(() => buckets.take(7).ok)).toEqual([true, true, true]);
    // 6 a minute = one every 10 s.
    expect(buckets.take(7)).toEqual({ ok: false, retryAfterSec: 10 });
    clock.advanceSec(4);
    expect(buckets.take(7)).toEqual({ ok: false, retryAfterSec: 6 });
    clock.advanceSec(6);
    expect(buckets.take(7)).toEqual({ ok: true });
    expect(buckets.take(7).ok).toBe(false);
  });

  it('keeps one bucket per key, and a quiet key refills to the burst but never beyond', () => {
    const clock = new ManualClock();
    const buckets = new TokenBuckets<number>({ burst: 2, perMinute: 60 }, clock);
    buckets.take(1);
    buckets.take(1);
    expect(buckets.take(1).ok).toBe(false);
    expect(buckets.take(2).ok).toBe(true);
    clock.advanceSec(3600);
    expect([1, 2, 3].map(() => buckets.take(1).ok)).toEqual([true, true, false]);
  });

  it('forgets refilled buckets once there are many, so the map does not grow with every key ever seen', () => {
    const clock = new ManualClock();
    const buckets = new TokenBuckets<number>({ burst: 1, perMinute: 60 }, clock);
    for (let key = 0; key < 10_000; key += 1) buckets.take(key);
    clock.advanceSec(2);
    buckets.take(-1);
    buckets.take(-2);
    expect(buckets.size()).toBeLessThan(10);
  });
});
