import { describe, expect, it } from 'vitest';
import { HOLD_MELODY, renderHoldMusic } from './hold-music.ts';

describe('hold music', () => {
  it('renders one loop of the melody: notes where the melody plays, silence in its rests', () => {
    const rate = 8000;
    const samples = renderHoldMusic(rate);
    const totalMs = HOLD_MELODY.reduce((sum, [, ms]) => sum + ms, 0);
    expect(samples.length).toBe(Math.round((totalMs * rate) / 1000));
    const rms = (fromMs: number, toMs: number) => {
      const part = samples.subarray((fromMs * rate) / 1000, (toMs * rate) / 1000);
      return Math.sqrt(part.reduce((sum, x) => sum + x * x, 0) / part.length);
    };
    expect(rms(50, 200)).toBeGreaterThan(0.1); // first note
    expect(rms(1350, 1850)).toBe(0); // the 600 ms rest after the fifth note
    expect(Math.max(...samples.map(Math.abs))).toBeLessThanOrEqual(0.31);
  });
});
