/**
 * Call quality from WebRTC statistics: every few seconds, the packets lost, jitter and
 * round-trip time over the last interval give an estimated MOS (shared/mos.ts); the
 * samples add up to the call's summary for the call log.
 */
import type { CallQuality, CallQualitySummary } from '../shared/domain.ts';
import { codecFromMime, estimateMos, qualityLevel, type CodecName } from '../shared/mos.ts';

/** Cumulative counters of one getStats() reading, as far as the statistics had them. */
export type MediaReading = {
  packetsReceived: number;
  packetsLost: number;
  /** Interarrival jitter, seconds (already smoothed by the receiver). */
  jitterS: number;
  /** Round-trip time, seconds, if RTCP or ICE measured one. */
  rttS?: number;
  /** Sum of the jitter buffer's delay over emitted samples, seconds, and their count. */
  jitterBufferDelayS?: number;
  jitterBufferEmitted?: number;
  /** Loss the far end reports for what we send (RTCP RR), 0 … 1. */
  remoteFractionLost?: number;
  codec: CodecName;
};

/** Fewer packets than this in an interval (hold, a silent far end) give no estimate. */
const MIN_PACKETS = 20;

/**
 * Turns successive readings into quality samples. The interval spans `windowReadings`
 * readings so a few seconds of loss show, and a single bad second does not flap the warning.
 */
export class QualityMeter {
  private readonly readings: MediaReading[] = [];
  private readonly windowReadings: number;
  private samples = 0;
  private mosSum = 0;
  private minMos = Infinity;
  private lossSum = 0;
  private jitterSum = 0;

  constructor(windowReadings = 2) {
    this.windowReadings = windowReadings;
  }

  /** Adds a reading; returns the quality over the window ending here, or null if too little flowed. */
  add(reading: MediaReading): CallQuality | null {
    this.readings.push(reading);
    if (this.readings.length > this.windowReadings + 1) this.readings.shift();
    const first = this.readings[0];
    if (!first || first === reading) return null;
    const received = reading.packetsReceived - first.packetsReceived;
    const lost = Math.max(0, reading.packetsLost - first.packetsLost);
    if (received + lost < MIN_PACKETS) return null;
    const inboundLoss = (100 * lost) / (received + lost);
    const outboundLoss = 100 * (reading.remoteFractionLost ?? 0);
    const lossPercent = Math.max(inboundLoss, outboundLoss);
    const jitterMs = reading.jitterS * 1000;
    const rttMs = (reading.rttS ?? 0) * 1000;
    const emitted = (reading.jitterBufferEmitted ?? 0) - (first.jitterBufferEmitted ?? 0);
    const bufferS = (reading.jitterBufferDelayS ?? 0) - (first.jitterBufferDelayS ?? 0);
    const jitterBufferMs = emitted > 0 ? (1000 * bufferS) / emitted : undefined;
    const mos = estimateMos({
      rttMs,
      lossPercent,
      jitterMs,
      codec: reading.codec,
      ...(jitterBufferMs !== undefined ? { jitterBufferMs } : {}),
    });
    this.samples += 1;
    this.mosSum += mos;
    this.minMos = Math.min(this.minMos, mos);
    this.lossSum += lossPercent;
    this.jitterSum += jitterMs;
    return {
      mos: round(mos, 2),
      level: qualityLevel(mos),
      lossPercent: round(lossPercent, 1),
      jitterMs: round(jitterMs, 1),
      rttMs: round(rttMs, 0),
    };
  }

  /** The call so far; undefined until a first sample. */
  summary(): CallQualitySummary | undefined {
    if (this.samples === 0) return undefined;
    return {
      minMos: round(this.minMos, 2),
      avgMos: round(this.mosSum / this.samples, 2),
      lossPercent: round(this.lossSum / this.samples, 1),
      jitterMs: round(this.jitterSum / this.samples, 1),
    };
  }
}

type StatsEntry = Record<string, unknown> & { type: string; id: string };
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** The audio receive side's counters from one getStats() report; null before any audio arrived. */
export function readMedia(report: RTCStatsReport): MediaReading | null {
  const entries: StatsEntry[] = [];
  report.forEach((entry: StatsEntry) => entries.push(entry));
  const inbound = entries.find((entry) => entry.type === 'inbound-rtp' && entry.kind === 'audio');
  if (!inbound) return null;
  const remote = entries.find((entry) => entry.type === 'remote-inbound-rtp' && entry.kind === 'audio');
  const pair = entries.find(
    (entry) => entry.type === 'candidate-pair' && (entry.nominated === true || entry.selected === true),
  );
  const codec = entries.find((entry) => entry.id === inbound.codecId);
  const rttS = num(remote?.roundTripTime) ?? num(pair?.currentRoundTripTime);
  const reading: MediaReading = {
    packetsReceived: num(inbound.packetsReceived) ?? 0,
    packetsLost: num(inbound.packetsLost) ?? 0,
    jitterS: num(inbound.jitter) ?? 0,
    codec: codecFromMime(typeof codec?.mimeType === 'string' ? codec.mimeType : undefined),
  };
  if (rttS !== undefined) reading.rttS = rttS;
  const bufferDelay = num(inbound.jitterBufferDelay);
  const emitted = num(inbound.jitterBufferEmittedCount);
  if (bufferDelay !== undefined && emitted !== undefined) {
    reading.jitterBufferDelayS = bufferDelay;
    reading.jitterBufferEmitted = emitted;
  }
  const fractionLost = num(remote?.fractionLost);
  if (fractionLost !== undefined) reading.remoteFractionLost = fractionLost;
  return reading;
}

/** How often a call's statistics are read. */
export const QUALITY_INTERVAL_MS = 2000;

/**
 * Reads a call's statistics on a timer and reports each new estimate with the summary so far.
 * Owned by the engine per call; stop() at the end of the call.
 */
export class CallQualityWatch {
  private readonly meter = new QualityMeter();
  private readonly timer: ReturnType<typeof setInterval>;
  private reading = false;

  constructor(
    connection: () => RTCPeerConnection | null | undefined,
    report: (quality: CallQuality, summary: CallQualitySummary) => void,
    intervalMs = QUALITY_INTERVAL_MS,
  ) {
    this.timer = setInterval(() => {
      const pc = connection();
      if (!pc || this.reading) return;
      this.reading = true;
      pc.getStats()
        .then((stats) => {
          const reading = readMedia(stats);
          const quality = reading ? this.meter.add(reading) : null;
          const summary = this.meter.summary();
          if (quality && summary) report(quality, summary);
        })
        .catch(() => {
          // A closing connection may refuse statistics; the next tick or the end of the call follows.
        })
        .finally(() => (this.reading = false));
    }, intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
