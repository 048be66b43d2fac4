import { describe, expect, it } from 'vitest';
import { bestLoopedCorrelation, pearson } from './audio-envelope.ts';

describe('audio envelope matching', () => {
  const speech = [0, 5, 9, 1, 0, 0, 7, 8, 2, 0, 3, 0];
  const other = [4, 0, 0, 6, 6, 1, 0, 0, 9, 2, 0, 5];

  it('finds a looped signal received from an unknown phase', () => {
    const received = [...speech.slice(5), ...speech, ...speech.slice(0, 5)].map((v) => v * 0.3 + 0.01);
    expect(bestLoopedCorrelation(received, speech)).toBeGreaterThan(0.99);
    expect(bestLoopedCorrelation(received, other)).toBeLessThan(0.8);
  });

  it('reads flat input as uncorrelated rather than dividing by zero', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBe(0);
  });
});
