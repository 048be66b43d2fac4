/**
 * Ends a call whose audio has stopped arriving for good. A short outage (Wi-Fi roaming, a
 * reconnecting switchboard) must not end anything, so the bar is 15 s of no inbound RTP while
 * neither side holds the call; past that the user would only be listening to silence, and the
 * far end has most likely gone. The call is then ended with MEDIA_LOST_CAUSE, which the in-call
 * view explains and the call log keeps as the end reason.
 */
export { MEDIA_LOST_CAUSE } from '../shared/end-reasons.ts';
export const MEDIA_DEAD_AFTER_MS = 15_000;
export const MEDIA_CHECK_EVERY_MS = 1_000;

/** Decides from successive byte counts; pure, so it is tested without a browser. */
export class MediaFlowJudge {
  private lastBytes = -1;
  private lastChangeAt = 0;
  private readonly deadAfterMs: number;

  constructor(deadAfterMs = MEDIA_DEAD_AFTER_MS) {
    this.deadAfterMs = deadAfterMs;
  }

  /** True once `bytesReceived` has not grown for deadAfterMs of unpaused time. */
  observe(bytesReceived: number, now: number, paused: boolean): boolean {
    if (paused || bytesReceived !== this.lastBytes) {
      this.lastBytes = bytesReceived;
      this.lastChangeAt = now;
      return false;
    }
    return now - this.lastChangeAt >= this.deadAfterMs;
  }
}

/** Polls the call's inbound audio bytes; calls onDead once. Returns a stop function. */
export function watchMediaFlow(
  connection: RTCPeerConnection,
  paused: () => boolean,
  onDead: () => void,
  now: () => number = Date.now,
): () => void {
  const judge = new MediaFlowJudge();
  let stopped = false;
  const timer = setInterval(() => {
    void inboundAudioBytes(connection).then((bytes) => {
      if (stopped || bytes === null) return;
      if (judge.observe(bytes, now(), paused())) {
        stop();
        onDead();
      }
    });
  }, MEDIA_CHECK_EVERY_MS);
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  return stop;
}

/** Null when the statistics cannot be read: getStats() rejects once the connection closes under it. */
async function inboundAudioBytes(connection: RTCPeerConnection): Promise<number | null> {
  if (connection.connectionState === 'closed') return null;
  let total = 0;
  const stats = await connection.getStats().catch(() => null);
  stats?.forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
    if (report.type === 'inbound-rtp' && report.kind === 'audio') total += report.bytesReceived ?? 0;
  });
  return stats ? total : null;
}
