import { describe, expect, it } from 'vitest';
import { nextAttemptDelayMs, RECONNECT_CAP_MS, reconnectDelayMs } from './reconnect-policy.ts';

describe('reconnect policy', () => {
  it('doubles from half a second and never waits more than the 2 s cap', () => {
    const highest = (attempt: number) => reconnectDelayMs(attempt, () => 1);
    expect([1, 2, 3, 4, 10, 100].map(highest)).toEqual([500, 1000, 2000, 2000, 2000, 2000]);
    for (let attempt = 1; attempt < 50; attempt++) {
      const delay = reconnectDelayMs(attempt);
      expect(delay).toBeLessThanOrEqual(RECONNECT_CAP_MS);
      expect(delay).toBeGreaterThanOrEqual(250);
    }
  });

  it('spreads phones over the upper half of the window so a restarted server is not hit all at once', () => {
    expect(reconnectDelayMs(3, () => 0)).toBe(1000);
    expect(reconnectDelayMs(3, () => 0.5)).toBe(1500);
  });

  it('tries an address nobody has tried yet at once', () => {
    expect(nextAttemptDelayMs(1, true)).toBe(0);
    expect(nextAttemptDelayMs(1, false, () => 1)).toBe(500);
  });
});
