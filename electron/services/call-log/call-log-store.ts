import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import {
  CallSnapshotSchema,
  type CallDirection,
  type CallLogEntry,
  type CallOutcome,
  type CallSnapshot,
} from '../../../src/shared/domain.ts';
import { migrate } from './migrate.ts';
import { callLogMigrations } from './migrations/index.ts';

export interface CallLogOpenOptions {
  /** Clock for heartbeats written by recordCallUpdated; injectable for tests. */
  now?: () => number;
}

/** Keyset cursor: pass the last entry of the previous page. */
export interface CallLogCursor {
  startedAt: number;
  id: string;
}

export interface CallLogListOptions {
  limit: number;
  before?: CallLogCursor | undefined;
}

export const MAX_LIST_LIMIT = 500;

interface CallRow {
  id: string;
  direction: CallDirection;
  remote_number: string;
  remote_name: string | null;
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
  outcome: CallOutcome | null;
  end_reason: string | null;
  duration_sec: number;
  was_held: number;
}

interface Statements {
  start: Statement;
  update: Statement;
  end: Statement;
  heartbeat: Statement;
  recover: Statement;
  listFirst: Statement<[number], CallRow>;
  listBefore: Statement<[{ startedAt: number; id: string; limit: number }], CallRow>;
}

const ENTRY_COLUMNS = `id, direction, remote_number, remote_name, started_at, answered_at, ended_at,
  outcome, end_reason, duration_sec, was_held`;

/**
 * Persistent call history. Every write is a single statement (or one transaction), so a kill
 * at any point leaves each call either fully before or fully after that write.
 */
export class CallLogStore {
  readonly #db: Db;
  readonly #statements: Statements;
  readonly #now: () => number;

  private constructor(db: Db, now: () => number) {
    this.#db = db;
    this.#now = now;
    this.#statements = prepare(db);
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

  list(options: CallLogListOptions): CallLogEntry[] {
    const limit = Math.min(Math.max(Math.trunc(options.limit), 1), MAX_LIST_LIMIT);
    const rows = options.before
      ? this.#statements.listBefore.all({ ...options.before, limit })
      : this.#statements.listFirst.all(limit);
    return rows.map(toEntry);
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

function prepare(db: Db): Statements {
  return {
    start: db.prepare(`
      INSERT INTO calls (id, direction, phase, remote_number, remote_name, started_at, answered_at, last_seen_at,
                         was_held)
      VALUES (@id, @direction, @phase, @remoteNumber, @remoteName, @startedAt, @answeredAt, @lastSeenAt, @wasHeld)
      ON CONFLICT (id) DO NOTHING`),
    update: db.prepare(`
      INSERT INTO calls (id, direction, phase, remote_number, remote_name, started_at, answered_at, last_seen_at,
                         was_held)
      VALUES (@id, @direction, @phase, @remoteNumber, @remoteName, @startedAt, @answeredAt, @lastSeenAt, @wasHeld)
      ON CONFLICT (id) DO UPDATE SET
        phase        = excluded.phase,
        was_held     = MAX(calls.was_held, excluded.was_held),
        remote_name  = COALESCE(excluded.remote_name, calls.remote_name),
        answered_at  = COALESCE(calls.answered_at, excluded.answered_at),
        last_seen_at = MAX(COALESCE(calls.last_seen_at, 0), excluded.last_seen_at)
      WHERE calls.ended_at IS NULL`),
    end: db.prepare(`
      INSERT INTO calls (id, direction, phase, remote_number, remote_name, started_at, answered_at,
                         ended_at, outcome, end_reason, duration_sec, last_seen_at, was_held)
      VALUES (@id, @direction, @phase, @remoteNumber, @remoteName, @startedAt, @answeredAt,
              @endedAt, @outcome, @endReason, @durationSec, @lastSeenAt, @wasHeld)
      ON CONFLICT (id) DO UPDATE SET
        phase        = 'ended',
        was_held     = MAX(calls.was_held, excluded.was_held),
        remote_name  = COALESCE(excluded.remote_name, calls.remote_name),
        answered_at  = COALESCE(calls.answered_at, excluded.answered_at),
        ended_at     = excluded.ended_at,
        outcome      = COALESCE(excluded.outcome,
                                CASE WHEN calls.answered_at IS NOT NULL THEN 'answered' END),
        end_reason   = excluded.end_reason,
        duration_sec = CASE WHEN COALESCE(calls.answered_at, excluded.answered_at) IS NULL THEN 0
                       ELSE MAX(0, (excluded.ended_at - COALESCE(calls.answered_at, excluded.answered_at)) / 1000)
                       END,
        last_seen_at = excluded.ended_at
      WHERE calls.ended_at IS NULL`),
    heartbeat: db.prepare(`
      UPDATE calls SET last_seen_at = MAX(COALESCE(last_seen_at, 0), @now)
      WHERE id = @id AND ended_at IS NULL`),
    // Integer division in SQLite truncates, matching durationSec() below.
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
    listFirst: db.prepare<[number], CallRow>(`
      SELECT ${ENTRY_COLUMNS} FROM calls
      ORDER BY started_at DESC, id DESC LIMIT ?`),
    listBefore: db.prepare<[{ startedAt: number; id: string; limit: number }], CallRow>(`
      SELECT ${ENTRY_COLUMNS} FROM calls
      WHERE (started_at, id) < (@startedAt, @id)
      ORDER BY started_at DESC, id DESC LIMIT @limit`),
  };
}

function rowParams(call: CallSnapshot) {
  return {
    id: call.id,
    direction: call.direction,
    phase: call.phase,
    remoteNumber: call.remoteNumber,
    remoteName: call.remoteName ?? null,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt ?? null,
    endedAt: call.endedAt ?? null,
    outcome: call.outcome ?? null,
    endReason: call.endReason ?? null,
    durationSec: 0,
    wasHeld: call.wasHeld ? 1 : 0,
  };
}

export function durationSec(answeredAt: number, endedAt: number): number {
  return Math.max(0, Math.trunc((endedAt - answeredAt) / 1000));
}

function toEntry(row: CallRow): CallLogEntry {
  const entry: CallLogEntry = {
    id: row.id,
    direction: row.direction,
    remoteNumber: row.remote_number,
    startedAt: row.started_at,
    durationSec: row.duration_sec,
  };
  if (row.remote_name !== null) entry.remoteName = row.remote_name;
  if (row.answered_at !== null) entry.answeredAt = row.answered_at;
  if (row.ended_at !== null) entry.endedAt = row.ended_at;
  if (row.outcome !== null) entry.outcome = row.outcome;
  if (row.end_reason !== null) entry.endReason = row.end_reason;
  if (row.was_held) entry.held = true;
  return entry;
}
