import { describe, expect, it } from 'vitest';
import {
  codecFromMime,
  delayImpairment,
  estimateMos,
  lossImpairment,
  qualityLevel,
  qualityWarning,
  R_DEFAULT,
  rFactor,
  rToMos,
} from './mos.ts';

describe('E-model MOS estimate', () => {
  it('maps R to MOS as the table of ITU-T G.107 Annex B', () => {
    // G.107 Figure B.1 / Table B.1 pairs.
    expect(rToMos(100)).toBe(4.5);
    expect(rToMos(90)).toBeCloseTo(4.34, 2);
    expect(rToMos(80)).toBeCloseTo(4.02, 2);
    expect(rToMos(70)).toBeCloseTo(3.6, 2);
    expect(rToMos(60)).toBeCloseTo(3.1, 2);
    expect(rToMos(50)).toBeCloseTo(2.58, 2);
    expect(rToMos(0)).toBe(1);
    expect(rToMos(-5)).toBe(1);
    // The polynomial would give 0.99 at R = 2: an estimate never leaves 1 … 4.5.
    expect(rToMos(2)).toBe(1);
    for (let r = -10; r <= 110; r += 0.5) {
      expect(rToMos(r)).toBeGreaterThanOrEqual(1);
      expect(rToMos(r)).toBeLessThanOrEqual(4.5);
    }
    // The default narrowband connection, R = 93.2, is the familiar 4.41.
    expect(rToMos(R_DEFAULT)).toBeCloseTo(4.41, 2);
  });

  it('charges delay lightly up to 177.3 ms one way and steeply beyond', () => {
    expect(delayImpairment(0)).toBe(0);
    expect(delayImpairment(150)).toBeCloseTo(3.6, 6);
    expect(delayImpairment(177.3)).toBeCloseTo(4.2552, 4);
    // 300 ms: 0.024·300 + 0.11·(300 − 177.3) = 7.2 + 13.497
    expect(delayImpairment(300)).toBeCloseTo(20.697, 3);
  });

  it('charges random loss through the codec: Ie-eff = Ie + (95 − Ie)·Ppl/(Ppl + Bpl)', () => {
    expect(lossImpairment(0, 'pcmu')).toBe(0);
    // G.711 with PLC, Bpl 25.1 (G.113 App. I): 2 % → 95·2/27.1
    expect(lossImpairment(2, 'pcmu')).toBeCloseTo(7.011, 3);
    expect(lossImpairment(10, 'pcma')).toBeCloseTo(27.066, 3);
    // Opus (our Bpl 20): 5 % → 95·5/25
    expect(lossImpairment(5, 'opus')).toBeCloseTo(19, 6);
    // Burstier loss hurts more than the same random loss.
    expect(lossImpairment(5, 'opus', 2)).toBeGreaterThan(lossImpairment(5, 'opus'));
  });

  it('worked example: a clean office call on G.711 is about 4.38', () => {
    // RTT 40 ms → 20 ms one way, jitter 5 ms → 20 ms buffer (the floor), 20 ms packetization = 60 ms.
    const inputs = { rttMs: 40, lossPercent: 0, jitterMs: 5, codec: 'pcmu' as const };
    expect(rFactor(inputs)).toBeCloseTo(93.2 - 1.44, 6);
    expect(estimateMos(inputs)).toBeCloseTo(4.38, 2);
    expect(qualityLevel(estimateMos(inputs))).toBe('good');
  });

  it('worked example: the same call losing 10 % of its packets drops to about 3.34, poor', () => {
    const inputs = { rttMs: 40, lossPercent: 10, jitterMs: 5, codec: 'pcmu' as const };
    // R = 93.2 − 1.44 − 27.066 = 64.694
    expect(rFactor(inputs)).toBeCloseTo(64.694, 3);
    expect(estimateMos(inputs)).toBeCloseTo(3.34, 2);
    expect(qualityLevel(estimateMos(inputs))).toBe('poor');
  });

  it('worked example: a long, jittery path without loss is fair, not good', () => {
    // RTT 300 → 150, jitter 40 → 80 ms buffer, Opus 26.5 → 256.5 ms one way: Id = 6.156 + 8.712.
    const inputs = { rttMs: 300, lossPercent: 0, jitterMs: 40, codec: 'opus' as const };
    expect(rFactor(inputs)).toBeCloseTo(93.2 - 14.868, 3);
    expect(qualityLevel(estimateMos(inputs))).toBe('fair');
    // A measured jitter-buffer delay replaces the 2× jitter guess.
    expect(rFactor({ ...inputs, jitterBufferMs: 20 })).toBeGreaterThan(rFactor(inputs));
  });

  it('reads the codec from a MIME type', () => {
    expect(codecFromMime('audio/opus')).toBe('opus');
    expect(codecFromMime('audio/PCMA')).toBe('pcma');
    expect(codecFromMime('audio/PCMU')).toBe('pcmu');
    expect(codecFromMime(undefined)).toBe('pcmu');
  });

  it('warns in plain words only when the call is poor: lost audio or delay', () => {
    expect(qualityWarning({ level: 'fair', lossPercent: 5 })).toBeNull();
    expect(qualityWarning({ level: 'poor', lossPercent: 12 })).toBe('loss');
    expect(qualityWarning({ level: 'poor', lossPercent: 0.5 })).toBe('delay');
  });
});
