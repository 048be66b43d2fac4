/**
 * Estimated call quality (MOS) from what WebRTC statistics tell us, by the ITU-T G.107
 * E-model reduced to the parts a softphone can measure: one-way delay (Id) and packet
 * loss through the codec (Ie-eff). Echo, noise and loudness impairments take G.107's
 * defaults, which leave R0 − Is = 93.2 for a clean narrowband call.
 *
 * Pure functions, shared by the engine (computes) and the UI (reads levels).
 */

/** G.107's R for a narrowband call with default values and no delay or loss. */
export const R_DEFAULT = 93.2;

/**
 * Equipment impairment (Ie) and packet-loss robustness (Bpl) per codec. G.711 with packet-loss
 * concealment: ITU-T G.113 Appendix I (Ie 0, Bpl 25.1). Opus has no G.113 entry; we take Ie 0
 * (transparent at the bit rates WebRTC uses, in a narrowband model) and Bpl 20, between G.711
 * with PLC and G.729A (19), as a deliberately cautious guess.
 */
export const CODEC_IMPAIRMENT = {
  pcmu: { ie: 0, bpl: 25.1 },
  pcma: { ie: 0, bpl: 25.1 },
  opus: { ie: 0, bpl: 20 },
} as const;
export type CodecName = keyof typeof CODEC_IMPAIRMENT;

/** Packetization plus encoder look-ahead, added to the network's share of the mouth-to-ear delay. */
const CODEC_DELAY_MS: Record<CodecName, number> = { pcmu: 20, pcma: 20, opus: 26.5 };

/** The codec from an SDP/statistics MIME type ("audio/PCMU", "audio/opus"); unknown codecs count as G.711. */
export function codecFromMime(mimeType: string | undefined): CodecName {
  const name = (mimeType ?? '').toLowerCase().replace(/^audio\//, '');
  return name === 'opus' || name === 'pcma' ? name : 'pcmu';
}

/**
 * Delay impairment Id for a one-way mouth-to-ear delay in ms: the usual simplification of
 * G.107's Idd (Cole & Rosenbluth 2001): 0.024·d, plus 0.11·(d − 177.3) beyond 177.3 ms, where
 * conversation starts to suffer.
 */
export function delayImpairment(oneWayDelayMs: number): number {
  const d = Math.max(0, oneWayDelayMs);
  return 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
}

/** Ie-eff = Ie + (95 − Ie) · Ppl / (Ppl / BurstR + Bpl), G.107 eq. 7-29; random loss: BurstR = 1. */
export function lossImpairment(lossPercent: number, codec: CodecName, burstRatio = 1): number {
  const { ie, bpl } = CODEC_IMPAIRMENT[codec];
  const ppl = Math.min(100, Math.max(0, lossPercent));
  return ie + ((95 - ie) * ppl) / (ppl / burstRatio + bpl);
}

/**
 * G.107 Annex B: R to the estimated conversational MOS (1 … 4.5). The polynomial dips just under 1
 * for 0 < R < 6.5; MOS has no meaning there, so it is held at 1.
 */
export function rToMos(r: number): number {
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  return Math.max(1, 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6);
}

export type QualityInputs = {
  /** Round-trip time of the media path, ms (RTCP or ICE). */
  rttMs: number;
  /** Packets lost on the way to us (or the worse direction), percent. */
  lossPercent: number;
  /** Interarrival jitter, ms (RFC 3550). */
  jitterMs: number;
  /**
   * How long the jitter buffer holds audio, ms, when the statistics say it; otherwise it is taken
   * as twice the jitter (a buffer sized to absorb it), never under 20 ms.
   */
  jitterBufferMs?: number;
  codec: CodecName;
};

/** The R factor: 93.2 − Id − Ie-eff, with the one-way delay from half the RTT, the jitter buffer and the codec. */
export function rFactor(inputs: QualityInputs): number {
  const buffer = inputs.jitterBufferMs ?? Math.max(20, 2 * inputs.jitterMs);
  const oneWay = inputs.rttMs / 2 + buffer + CODEC_DELAY_MS[inputs.codec];
  return R_DEFAULT - delayImpairment(oneWay) - lossImpairment(inputs.lossPercent, inputs.codec);
}

export function estimateMos(inputs: QualityInputs): number {
  return rToMos(rFactor(inputs));
}

/**
 * How the indicator reads a MOS. G.107's user-satisfaction bands: R ≥ 80 (MOS ≈ 4.03) "satisfied",
 * R 60–80 (MOS 3.1–4.03) "some users dissatisfied", below that many are.
 */
export type QualityLevel = 'good' | 'fair' | 'poor';
export function qualityLevel(mos: number): QualityLevel {
  if (mos >= 4.0) return 'good';
  if (mos >= 3.6) return 'fair';
  return 'poor';
}

/**
 * What to tell the user when quality is poor: mostly lost packets ("losing audio"), or a slow,
 * jittery path ("delayed"). Loss of 3 % or more is audible on any codec; below that, a poor
 * estimate comes from delay.
 */
export type QualityWarning = 'loss' | 'delay' | null;
export function qualityWarning(quality: { level: QualityLevel; lossPercent: number }): QualityWarning {
  if (quality.level !== 'poor') return null;
  return quality.lossPercent >= 3 ? 'loss' : 'delay';
}
