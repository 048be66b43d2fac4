/**
 * Keeps one child of the switchboard running (Kamailio, rtpengine, a baresip line): when it exits
 * without being asked to, it is started again after a backoff (doubling up to a cap, back to the
 * first step once a run has lasted), and the log says so. The other children are not touched:
 * one part failing never stops the others. `stop()` stops it for good (no restart races it).
 */
import { stderrLog, type SwitchboardLog } from './log.ts';

/** What can be supervised: a running thing with a pid that says when it is gone. */
export interface SupervisedChild {
  pid: number;
  exited: Promise<unknown>;
  stop(): Promise<void>;
}

export type SupervisorOptions<T> = {
  log?: SwitchboardLog;
  /** First wait before a restart (default 500 ms); doubles on each failed or short-lived run. */
  initialBackoffMs?: number;
  /** Longest wait between restarts (default 30 s). */
  maxBackoffMs?: number;
  /** A run this long counts as healthy: the next crash waits `initialBackoffMs` again (default 60 s). */
  stableAfterMs?: number;
  /** Told after each restart (e.g. Kamailio back: the lines register again). */
  onRestarted?: (child: T) => Promise<void> | void;
};

export class Supervised<T extends SupervisedChild> {
  readonly name: string;
  #child: T | null = null;
  #stopped = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #pending: Promise<void> | null = null;
  #backoffMs: number;
  #restarts = 0;
  readonly #start: () => Promise<T>;
  readonly #options: Required<Omit<SupervisorOptions<T>, 'onRestarted'>> & Pick<SupervisorOptions<T>, 'onRestarted'>;

  private constructor(name: string, start: () => Promise<T>, options: SupervisorOptions<T>) {
    this.name = name;
    this.#start = start;
    this.#options = {
      log: options.log ?? stderrLog,
      initialBackoffMs: options.initialBackoffMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      stableAfterMs: options.stableAfterMs ?? 60_000,
      ...(options.onRestarted ? { onRestarted: options.onRestarted } : {}),
    };
    this.#backoffMs = this.#options.initialBackoffMs;
  }

  /** Starts the child (a failure here is the caller's, as before supervision) and watches it. */
  static async start<T extends SupervisedChild>(
    name: string,
    start: () => Promise<T>,
    options: SupervisorOptions<T> = {},
  ): Promise<Supervised<T>> {
    const supervised = new Supervised(name, start, options);
    supervised.#watch(await start());
    return supervised;
  }

  /** The running child; null between a crash and its restart, and after stop(). */
  get current(): T | null {
    return this.#child;
  }

  pid(): number | null {
    return this.#child?.pid ?? null;
  }

  get restarts(): number {
    return this.#restarts;
  }

  /** Stops the child and any restart on its way; it stays stopped until start(). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#pending;
    const child = this.#child;
    this.#child = null;
    await child?.stop();
  }

  /** Starts it again after stop() (a test's "Kamailio is back"); a no-op while it runs. */
  async start(): Promise<void> {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#backoffMs = this.#options.initialBackoffMs;
    try {
      this.#watch(await this.#start());
    } catch (error) {
      this.#stopped = true;
      throw error;
    }
  }

  /** Replaces a healthy child with a fresh one now (e.g. a line must register again); not counted as a crash. */
  async restart(reason: string): Promise<void> {
    if (this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#pending;
    const child = this.#child;
    this.#child = null;
    this.#options.log.info(`${this.name}: restarting it (${reason})`, { pid: child?.pid ?? null });
    await child?.stop();
    if (this.#stopped) return;
    this.#pending = this.#restart().finally(() => (this.#pending = null));
    await this.#pending;
  }

  #watch(child: T): void {
    this.#child = child;
    const startedAt = Date.now();
    void child.exited.then((exit) => {
      if (this.#child !== child || this.#stopped) return;
      this.#child = null;
      if (Date.now() - startedAt >= this.#options.stableAfterMs) this.#backoffMs = this.#options.initialBackoffMs;
      this.#options.log.warn(`${this.name} exited unexpectedly; restarting it`, {
        pid: child.pid,
        exit,
        inMs: this.#backoffMs,
      });
      this.#schedule();
    });
  }

  #schedule(): void {
    const delay = this.#backoffMs;
    this.#backoffMs = Math.min(this.#backoffMs * 2, this.#options.maxBackoffMs);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#pending = this.#restart().finally(() => (this.#pending = null));
    }, delay);
  }

  async #restart(): Promise<void> {
    let child: T;
    try {
      child = await this.#start();
    } catch (error) {
      if (this.#stopped) return;
      this.#options.log.error(`${this.name} did not start again; trying later`, { err: error, inMs: this.#backoffMs });
      this.#schedule();
      return;
    }
    if (this.#stopped) {
      await child.stop();
      return;
    }
    this.#restarts++;
    this.#watch(child);
    this.#options.log.info(`${this.name} restarted`, { pid: child.pid, restarts: this.#restarts });
    try {
      await this.#options.onRestarted?.(child);
    } catch (error) {
      this.#options.log.error(`${this.name}: after-restart step failed`, { err: error });
    }
  }
}
