import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import {
  CallSnapshotSchema,
  CallWrapUpSchema,
  type CallLogEntry,
  type CallSnapshot,
  type CallWrapUp,
} from '../../../src/shared/domain.ts';
import { durationSec, rowParams } from './call-log-rows.ts';
import { CallLogQueries, type CallLogListOptions, type SearchPath } from './call-log-search.ts';
import { migrate } from './migrate.ts';
import { callLogMigrations } from './migrations/index.ts';

export { durationSec } from './call-log-rows.ts';
export {
  MAX_LIST_LIMIT,
  MAX_PARTY_NUMBERS,
  MAX_SEARCH_WINDOW,
  SEARCH_WINDOW,
  type CallLogCursor,
  type CallLogListOptions,
  type SearchPath,
} from './call-log-search.ts';

export interface CallLogOpenOptions {
  /** Clock for heartbeats written by recordCallUpdated; injectable for tests. */
  now?: () => number;
}

interface Statements {
  start: Statement;
  update: Statement;
  end: Statement;
  heartbeat: Statement;
  recover: Statement;
  deleteOne: Statement<[string]>;
  deleteAll: Statement<[]>;
  clearParties: Statement<[]>;
  deleteStartedBefore: Statement<[number]>;
  countMissedSince: Statement<[number], number>;
  getMeta: Statement<[string], number>;
  wrapUp: Statement;
  setMeta: Statement<[string, number]>;
}

/**
 * Persistent call history. Every write is a single statement (or one transaction), so a kill
 * at any point leaves each call either fully before or fully after that write.
 */
export class CallLogStore {
  readonly #db: Db;
  readonly #statements: Statements;
  readonly #now: () => number;
  readonly #queries: CallLogQueries;

  private constructor(db: Db, now: () => number) {
    this.#db = db;
    this.#now = now;
    this.#statements = prepare(db);
    this.#queries = new CallLogQueries(db);
  }

  /** How the last search page was answered (tests, benchmark). */
  get lastSearchPath(): SearchPath {
    return this.#queries.lastSearchPath;
  }

  /**
   * One page of history, newest first, keyset-paged on (startedAt, id). `filter`, `number` and
   * `search` combine; every shape is served by an index (see migration 0003).
   */
  list(options: CallLogListOptions): CallLogEntry[] {
    return this.#queries.list(options);
  }

  static open(path: string, options: CallLogOpenOptions = {}): CallLogStore {
    const db = new Database(path);
    try {
      configure(db);
      migrate(db, callLogMigrations);
      return new CallLogStore(db, options.now ?? Date.now);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  /** Idempotent: a repeated start for the same id leaves the existing row untouched. */
  recordCallStarted(snapshot: CallSnapshot): void {
    const call = CallSnapshotSchema.parse(snapshot);
    this.#statements.start.run({ ...rowParams(call), lastSeenAt: this.#now() });
  }

  /**
   * Upserts so a call whose start was missed (e.g. main restarted mid-call) is still logged.
   * Ignored once the call has ended: late events must not reopen a finished row.
   */
  recordCallUpdated(snapshot: CallSnapshot): void {
    const call = CallSnapshotSchema.parse(snapshot);
    this.#statements.update.run({ ...rowParams(call), lastSeenAt: this.#now() });
  }

  /**
   * First end wins, so a duplicate or late end event cannot rewrite the outcome. Without an
   * explicit outcome an answered call counts as 'answered'; otherwise the outcome stays unknown
   * rather than guessed.
   */
  recordCallEnded(snapshot: CallSnapshot): void {
    const call = CallSnapshotSchema.parse(snapshot);
    const endedAt = call.endedAt ?? this.#now();
    const answeredAt = call.answeredAt;
    this.#statements.end.run({
      ...rowParams(call),
      phase: 'ended',
      endedAt,
      outcome: call.outcome ?? (answeredAt === undefined ? null : 'answered'),
      durationSec: answeredAt === undefined ? 0 : durationSec(answeredAt, endedAt),
      lastSeenAt: endedAt,
    });
  }

  /** Many finished calls in one transaction (imports, benchmarks); all or none land. */
  recordCallsEnded(snapshots: readonly CallSnapshot[]): void {
    this.#db.transaction(() => {
      for (const snapshot of snapshots) this.recordCallEnded(snapshot);
    })();
  }

  heartbeat(callIds: readonly string[], now: number): void {
    if (callIds.length === 0) return;
    const beat = this.#statements.heartbeat;
    this.#db.transaction(() => {
      for (const id of callIds) beat.run({ id, now });
    })();
  }

  /**
   * Closes rows a crash left open. The end time is the last heartbeat (or the answer/start
   * time), kept between the call's own start and `now` so clock jumps cannot produce negative
   * durations or end times in the future. Returns how many calls were closed.
   */
  recoverInterrupted(now: number): number {
    return this.#statements.recover.run({ now }).changes;
  }

  /** A number's whole history, newest first (a page of it). */
  listForNumber(number: string, options: Omit<CallLogListOptions, 'number'>): CallLogEntry[] {
    return this.list({ ...options, number });
  }

  /**
   * The wrap-up picked during the after-call work that followed these calls (usually one; a call
   * that had a consultation beside it, two). Replaces any earlier wrap-up of them. Returns how many rows.
   */
  setWrapUp(callIds: readonly string[], wrapUp: CallWrapUp): number {
    const parsed = CallWrapUpSchema.parse(wrapUp);
    const params = {
      code: parsed.code ?? null,
      label: parsed.label ?? null,
      note: parsed.note ?? null,
      missing: parsed.missing ? 1 : 0,
    };
    return this.#db.transaction(() =>
      callIds.reduce((sum, id) => sum + this.#statements.wrapUp.run({ ...params, id }).changes, 0),
    )();
  }

  /** Removes one call; false if there was none with that id. */
  delete(id: string): boolean {
    return this.#statements.deleteOne.run(id).changes > 0;
  }

  /** Removes every call. Returns how many. */
  clear(): number {
    return this.#db.transaction(() => {
      this.#statements.clearParties.run();
      return this.#statements.deleteAll.run().changes;
    })();
  }

  /** Retention: removes ended calls that started before `cutoff`. Returns how many. */
  deleteStartedBefore(cutoff: number): number {
    return this.#statements.deleteStartedBefore.run(cutoff).changes;
  }

  /** Missed calls since the user last looked at missed calls (the badge). */
  countUnseenMissed(): number {
    return this.#statements.countMissedSince.get(this.missedSeenAt()) ?? 0;
  }

  missedSeenAt(): number {
    return this.#statements.getMeta.get('missed_seen_at') ?? 0;
  }

  /** The user looked at missed calls: everything started up to `at` is seen. */
  markMissedSeen(at: number): void {
    this.#statements.setMeta.run('missed_seen_at', Math.max(at, this.missedSeenAt()));
  }
}

/*
 * WAL + synchronous=NORMAL: a commit is appended to the WAL with write(2) but fsynced only at
 * checkpoints. Once write(2) returns the data is in the OS page cache, so it survives the
 * process being killed or crashing at any point, which is the failure a desktop app actually
 * sees. Only an OS crash or power loss can lose the last few commits, and even then WAL keeps
 * the file consistent (never corrupt). Losing a few seconds of call history on power loss is an
 * acceptable price for not fsyncing on every heartbeat; FULL would fsync each of them.
 */
function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Another process (a second app instance, a diagnostics tool) may hold a brief lock.
  db.pragma('busy_timeout = 5000');
}

/** The quality summary's columns (migration 0005); a snapshot without one keeps what the row has. */
const QUALITY_COLUMNS = 'quality_min_mos, quality_avg_mos, quality_loss_pct, quality_jitter_ms';
const QUALITY_PARAMS = '@qualityMinMos, @qualityAvgMos, @qualityLossPct, @qualityJitterMs';
const QUALITY_UPDATE = QUALITY_COLUMNS.split(', ')
  .map((column) => `${column} = COALESCE(excluded.${column}, calls.${column})`)
  .join(',\n        ');

function prepare(db: Db): Statements {
  return {
    start: db.prepare(`
      INSERT INTO calls (id, direction, phase, remote_number, remote_name, started_at, answered_at, last_seen_at,
                         was_held, was_waiting)
      VALUES (@id, @direction, @phase, @remoteNumber, @remoteName, @startedAt, @answeredAt, @lastSeenAt, @wasHeld,
              @wasWaiting)
      ON CONFLICT (id) DO NOTHING`),
    update: db.prepare(`
      INSERT INTO calls (id, direction, phase, remote_number, remote_name, started_at, answered_at, last_seen_at,
                         was_held, was_waiting, ${QUALITY_COLUMNS})
      VALUES (@id, @direction, @phase, @remoteNumber, @remoteName, @startedAt, @answeredAt, @lastSeenAt, @wasHeld,
              @wasWaiting, ${QUALITY_PARAMS})
      ON CONFLICT (id) DO UPDATE SET
        phase        = excluded.phase,
        ${QUALITY_UPDATE},
        was_held     = MAX(calls.was_held, excluded.was_held),
        remote_name  = COALESCE(excluded.remote_name, calls.remote_name),
        answered_at  = COALESCE(calls.answered_at, excluded.answered_at),
        last_seen_at = MAX(COALESCE(calls.last_seen_at, 0), excluded.last_seen_at)
      WHERE calls.ended_at IS NULL`),
    end: db.prepare(`
      INSERT INTO calls (id, direction, phase, remote_number, remote_name, started_at, answered_at,
                         ended_at, outcome, end_reason, duration_sec, last_seen_at, was_held,
                         was_waiting, transfer_kind, transfer_target, ${QUALITY_COLUMNS})
      VALUES (@id, @direction, @phase, @remoteNumber, @remoteName, @startedAt, @answeredAt,
              @endedAt, @outcome, @endReason, @durationSec, @lastSeenAt, @wasHeld,
              @wasWaiting, @transferKind, @transferTarget, ${QUALITY_PARAMS})
      ON CONFLICT (id) DO UPDATE SET
        phase        = 'ended',
        ${QUALITY_UPDATE},
        was_held     = MAX(calls.was_held, excluded.was_held),
        remote_name  = COALESCE(excluded.remote_name, calls.remote_name),
        answered_at  = COALESCE(calls.answered_at, excluded.answered_at),
        ended_at     = excluded.ended_at,
        outcome      = COALESCE(excluded.outcome,
                                CASE WHEN calls.answered_at IS NOT NULL THEN 'answered' END),
        end_reason   = excluded.end_reason,
        transfer_kind   = excluded.transfer_kind,
        transfer_target = excluded.transfer_target,
        duration_sec = CASE WHEN COALESCE(calls.answered_at, excluded.answered_at) IS NULL THEN 0
                       ELSE MAX(0, (excluded.ended_at - COALESCE(calls.answered_at, excluded.answered_at)) / 1000)
                       END,
        last_seen_at = excluded.ended_at
      WHERE calls.ended_at IS NULL`),
    heartbeat: db.prepare(`
      UPDATE calls SET last_seen_at = MAX(COALESCE(last_seen_at, 0), @now)
      WHERE id = @id AND ended_at IS NULL`),
    // Integer division in SQLite truncates, matching durationSec() (call-log-rows.ts).
    recover: db.prepare(`
      WITH bounded AS (
        SELECT id,
               MAX(COALESCE(answered_at, started_at),
                   MIN(@now, COALESCE(last_seen_at, answered_at, started_at))) AS end_at
        FROM calls WHERE ended_at IS NULL
      )
      UPDATE calls SET
        phase        = 'ended',
        outcome      = 'interrupted',
        ended_at     = bounded.end_at,
        duration_sec = CASE WHEN answered_at IS NULL THEN 0
                       ELSE (bounded.end_at - answered_at) / 1000 END
      FROM bounded WHERE calls.id = bounded.id`),
    deleteOne: db.prepare<[string]>('DELETE FROM calls WHERE id = ?'),
    deleteAll: db.prepare<[]>('DELETE FROM calls'),
    clearParties: db.prepare<[]>('DELETE FROM call_parties'),
    // Open calls are never removed: the crash recovery still has to close them.
    deleteStartedBefore: db.prepare<[number]>('DELETE FROM calls WHERE started_at < ? AND ended_at IS NOT NULL'),
    countMissedSince: db
      .prepare<[number], number>("SELECT count(*) FROM calls WHERE outcome = 'missed' AND started_at > ?")
      .pluck(),
    // Only ended calls: the wrap-up is of a finished call, and a later end must not be overwritten by it.
    wrapUp: db.prepare(`
      UPDATE calls SET wrap_up_code = @code, wrap_up_label = @label, wrap_up_note = @note, wrap_up_missing = @missing
      WHERE id = @id AND ended_at IS NOT NULL`),
    getMeta: db.prepare<[string], number>('SELECT value FROM history_meta WHERE key = ?').pluck(),
    setMeta: db.prepare<[string, number]>(
      'INSERT INTO history_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
  };
}
