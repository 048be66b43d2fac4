import { describe, expect, it } from 'vitest';
import { QualityMeter, type MediaReading } from './call-quality.ts';

/** 50 packets a second of Opus, `lossPercent` of them lost, after `seconds`. */
function reading(seconds: number, lost: number, extra: Partial<MediaReading> = {}): MediaReading {
  return {
    packetsReceived: seconds * 50 - lost,
    packetsLost: lost,
    jitterS: 0.004,
    rttS: 0.002,
    codec: 'opus',
    ...extra,
  };
}

describe('QualityMeter', () => {
  it('gives no estimate until enough packets flowed, then a good one for a clean path', () => {
    const meter = new QualityMeter(2);
    expect(meter.add(reading(0, 0))).toBeNull();
    const first = meter.add(reading(2, 0));
    expect(first).toMatchObject({ level: 'good', lossPercent: 0, jitterMs: 4, rttMs: 2 });
    expect(first!.mos).toBeGreaterThan(4.3);
  });

  it('shows loss over the last window only, and the summary keeps the worst', () => {
    const meter = new QualityMeter(2);
    meter.add(reading(0, 0));
    meter.add(reading(2, 0));
    meter.add(reading(4, 0));
    // 20 % of the packets of the next 4 s are lost.
    meter.add(reading(6, 20));
    const bad = meter.add(reading(8, 40));
    expect(bad).toMatchObject({ level: 'poor', lossPercent: 20 });
    meter.add(reading(10, 40));
    const recovered = meter.add(reading(12, 40));
    expect(recovered).toMatchObject({ level: 'good', lossPercent: 0 });
    const summary = meter.summary()!;
    expect(summary.minMos).toBe(bad!.mos);
    expect(summary.avgMos).toBeGreaterThan(summary.minMos);
    expect(summary.lossPercent).toBeGreaterThan(0);
  });

  it('counts loss the far end reports for our audio as well', () => {
    const meter = new QualityMeter(1);
    meter.add(reading(0, 0));
    expect(meter.add(reading(2, 0, { remoteFractionLost: 0.25 }))).toMatchObject({ level: 'poor', lossPercent: 25 });
  });

  it('skips intervals without media (hold, silence) instead of calling them perfect or lost', () => {
    const meter = new QualityMeter(1);
    meter.add(reading(0, 0));
    meter.add(reading(2, 0));
    const held = reading(2, 0);
    expect(meter.add(held)).toBeNull();
    expect(meter.summary()).toMatchObject({ minMos: expect.any(Number) });
  });
});
