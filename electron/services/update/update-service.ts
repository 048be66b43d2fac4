/**
 * Switchboard's updates: checks at start and daily, downloads in the background
 * with progress, and installs on quit or on "Restart now", never during a call.
 * It holds the status the About dialog shows and pushes every change to the UI.
 * Plain Node; the updater behind it is a port.
 */
import type { UpdateStatus } from '../../../src/shared/update.ts';
import {
  automaticCheckDue,
  decideAfterCheck,
  restartBlockedReason,
  SCHEDULER_TICK_MS,
  UpdateIntegrityError,
} from './update-decision.ts';
import type { UpdateOffer } from './update-feed.ts';
import type { UpdaterPort } from './updater-port.ts';
import { UserFacingError } from '../user-facing-error.ts';

export type UpdateServiceDeps = {
  updater: UpdaterPort;
  currentVersion: string;
  inCall: () => boolean;
  publish: (status: UpdateStatus) => void;
  now?: () => number;
};

export class UpdateService {
  private status: UpdateStatus = { phase: 'idle' };
  private offer: UpdateOffer | null = null;
  private lastCheckedAt: number | null = null;
  private running: Promise<unknown> | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly deps: UpdateServiceDeps;
  private readonly now: () => number;

  constructor(deps: UpdateServiceDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
  }

  getStatus(): UpdateStatus {
    return this.status;
  }

  /** Checks now (if no call is on) and then whenever a day has passed; a found update downloads in the background. */
  startSchedule(tickMs = SCHEDULER_TICK_MS): void {
    const tick = () => {
      if (
        this.running ||
        !automaticCheckDue({ lastCheckedAt: this.lastCheckedAt, now: this.now(), inCall: this.deps.inCall() })
      )
        return;
      if (this.status.phase === 'downloading' || this.status.phase === 'ready') return;
      void this.check().then((status) => {
        if (status.phase === 'available') void this.download().catch(() => {});
      });
    };
    tick();
    this.timer = setInterval(tick, tickMs);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** "Check for updates": the result is also the new status. A download under way or done is kept. */
  async check(): Promise<UpdateStatus> {
    if (this.status.phase === 'downloading' || this.status.phase === 'ready') return this.status;
    if (this.running) {
      await this.running;
      return this.status;
    }
    this.setStatus({ phase: 'checking' });
    const run = this.deps.updater.check();
    this.running = run;
    try {
      const result = await run;
      this.lastCheckedAt = this.now();
      if (!result.ok) {
        this.setStatus({ phase: 'failed', reason: result.reason, detail: result.detail.slice(0, 500) });
      } else {
        const decision = decideAfterCheck(this.deps.currentVersion, result.offer);
        this.offer = decision.kind === 'available' ? decision.offer : null;
        this.setStatus(
          decision.kind === 'available'
            ? { phase: 'available', version: decision.offer.version }
            : { phase: 'latest', version: this.deps.currentVersion },
        );
      }
    } finally {
      this.running = null;
    }
    return this.status;
  }

  /** "Update now": downloads the offered version, verifies its sha512, and is then ready to install. */
  async download(): Promise<void> {
    const offer = this.offer;
    if (!offer)
      throw new UserFacingError('no-update-offered', 'There is no update to download. Check for updates first.');
    if (this.status.phase === 'downloading' || this.status.phase === 'ready') return;
    this.setStatus({ phase: 'downloading', version: offer.version, percent: 0 });
    let lastPercent = 0;
    try {
      await this.deps.updater.download(offer, (percent) => {
        const rounded = Math.max(0, Math.min(100, Math.floor(percent)));
        // One push per whole percent: the UI needs no more, and IPC should not flood.
        if (rounded === lastPercent) return;
        lastPercent = rounded;
        this.setStatus({ phase: 'downloading', version: offer.version, percent: rounded });
      });
      this.setStatus({ phase: 'ready', version: offer.version });
    } catch (error) {
      const integrity = error instanceof UpdateIntegrityError;
      // A file that failed its check is never offered again as is; the next check starts over.
      this.offer = null;
      this.setStatus({
        phase: 'failed',
        reason: integrity ? 'integrity' : 'download-failed',
        detail: String(error instanceof Error ? error.message : error).slice(0, 500),
        version: offer.version,
      });
    }
  }

  /** "Update now" from the UI: refused at once if there is nothing to download; the rest arrives as status. */
  startDownload(): void {
    if (!this.offer && this.status.phase !== 'downloading' && this.status.phase !== 'ready')
      throw new UserFacingError('no-update-offered', 'There is no update to download. Check for updates first.');
    void this.download().catch(() => {});
  }

  /** "Restart now": refused during a call (the update installs when the user quits instead). */
  installNow(): void {
    if (this.status.phase !== 'ready')
      throw new UserFacingError('no-update-downloaded', 'No update has been downloaded yet.');
    const blocked = restartBlockedReason(this.deps.inCall());
    if (blocked) throw new UserFacingError('restart-during-call', blocked);
    this.deps.updater.installNow();
  }

  private setStatus(status: UpdateStatus): void {
    this.status = status;
    this.deps.publish(status);
  }
}
