/**
 * Writes calls to the call log after the windows were told about them, so a failed write (the
 * database busy, the disk full) never hides a live call. A failed write is logged and kept, in
 * order, and tried again a little later and with the next write; nothing is dropped silently.
 * Also the heartbeat: while calls are up, the log notes every few seconds that they still were,
 * so a crash's calls are closed at the next start with about the right length.
 */
import type { CallSnapshot } from '../../../src/shared/domain.ts';
import type { Logger } from '../log/logger.ts';
import type { CallLogPort } from './ports.ts';

type Write = { kind: 'started' | 'updated' | 'ended'; snapshot: CallSnapshot };

export type CallRecorderDeps = {
  callLog: CallLogPort;
  log: Logger;
  now: () => number;
  /** A call's ended row is written: the history changed (retention, badge, lists). */
  onEnded: (snapshot: CallSnapshot) => void;
  /** Wait before trying a failed write again (default 2 s). */
  retryMs?: number | undefined;
  heartbeatMs?: number | undefined;
};

export class CallRecorder {
  private readonly deps: CallRecorderDeps;
  private readonly pending: Write[] = [];
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private liveIds: string[] = [];
  private heartbeatFailing = false;

  constructor(deps: CallRecorderDeps) {
    this.deps = deps;
  }

  record(kind: Write['kind'], snapshot: CallSnapshot): void {
    const last = this.pending.at(-1);
    // A waiting update is superseded by a newer one of the same call: the queue stays short in a long outage.
    if (kind === 'updated' && last?.kind === 'updated' && last.snapshot.id === snapshot.id) this.pending.pop();
    this.pending.push({ kind, snapshot });
    this.flush();
  }

  /** The calls up now: the heartbeat runs while there are any. */
  callsUp(callIds: string[]): void {
    this.liveIds = callIds;
    if (callIds.length && !this.heartbeatTimer) {
      this.heartbeatTimer = setInterval(() => this.heartbeat(), this.deps.heartbeatMs ?? 5000);
    } else if (!callIds.length && this.heartbeatTimer) {
      clearInterval(this.heartbeatTimer);
      this.heartbeatTimer = undefined;
    }
  }

  /** Quit: one last try for writes still waiting; what still fails is logged (the next start closes those calls). */
  stop(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    this.flush({ final: true });
  }

  private flush(options: { final?: boolean } = {}): void {
    while (this.pending.length) {
      const write = this.pending[0]!;
      try {
        this.write(write);
      } catch (error) {
        this.deps.log.error(
          options.final ? 'call log write failed at quit; left for recovery' : 'call log write failed; will retry',
          { err: error, callId: write.snapshot.id, write: write.kind, waiting: this.pending.length },
        );
        if (!options.final) this.retryLater();
        return;
      }
      this.pending.shift();
      if (write.kind === 'ended') this.ended(write.snapshot);
    }
  }

  private ended(snapshot: CallSnapshot): void {
    try {
      this.deps.onEnded(snapshot);
    } catch (error) {
      // The row is saved; only the follow-up (retention, the badge) failed, and the next call does it again.
      this.deps.log.error('after writing an ended call', { err: error, callId: snapshot.id });
    }
  }

  private write({ kind, snapshot }: Write): void {
    const { callLog } = this.deps;
    if (kind === 'started') callLog.recordCallStarted(snapshot);
    else if (kind === 'updated') callLog.recordCallUpdated(snapshot);
    else callLog.recordCallEnded(snapshot);
  }

  private retryLater(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      const waiting = this.pending.length;
      this.flush();
      if (!this.pending.length) this.deps.log.info('call log writes saved after a retry', { writes: waiting });
    }, this.deps.retryMs ?? 2000);
    this.retryTimer.unref?.();
  }

  private heartbeat(): void {
    try {
      this.deps.callLog.heartbeat(this.liveIds, this.deps.now());
      this.heartbeatFailing = false;
    } catch (error) {
      // Every 5 s while the disk is full would drown the log: the first failure says it.
      if (!this.heartbeatFailing) this.deps.log.error('call log heartbeat failed', { err: error });
      this.heartbeatFailing = true;
    }
  }
}
