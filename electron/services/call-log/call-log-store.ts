import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import {
  CallSnapshotSchema,
  type CallDirection,
  type CallLogEntry,
  type CallLogFilter,
  type CallLogView,
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

export interface CallLogListOptions extends CallLogView {
  limit: number;
  before?: CallLogCursor | undefined;
}

export const MAX_LIST_LIMIT = 500;

/**
 * A search first looks for its page among this many newest rows of the view (an index range
 * scan that stops early), and only if that window holds fewer matches than a page asks the
 * trigram index. Common terms ("10", "Bob") are answered from the window; rare ones from the
 * index, whose candidate set is then small enough to sort.
 */
export const SEARCH_WINDOW = 4_000;
/**
 * When the first window holds some matches but not a page, a second window sized from that
 * density (x1.5) is tried if it stays under this many rows (~5 ms at 1M calls); otherwise the
 * term is rare enough that the trigram candidates are few.
 */
export const MAX_SEARCH_WINDOW = 64_000;

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
  transfer_kind: 'blind' | 'attended' | null;
  transfer_target: string | null;
  was_waiting: number;
}

interface Statements {
  start: Statement;
  update: Statement;
  end: Statement;
  heartbeat: Statement;
  recover: Statement;
  listFirst: Statement<[number], CallRow>;
  listBefore: Statement<[{ startedAt: number; id: string; limit: number }], CallRow>;
  partyNumbers: Statement<[{ like: string; max: number }], string>;
  deleteOne: Statement<[string]>;
  deleteAll: Statement<[]>;
  clearParties: Statement<[]>;
  deleteStartedBefore: Statement<[number]>;
  countMissedSince: Statement<[number], number>;
  getMeta: Statement<[string], number>;
  setMeta: Statement<[string, number]>;
}

const ENTRY_COLUMNS = `id, direction, remote_number, remote_name, started_at, answered_at, ended_at,
  outcome, end_reason, duration_sec, was_held, transfer_kind, transfer_target, was_waiting`;
const QUALIFIED_COLUMNS = ENTRY_COLUMNS.split(',')
  .map((column) => `calls.${column.trim()}`)
  .join(', ');

/** Each filter spelled so SQLite matches it to its index (the missed one is a partial index). */
const FILTER_SQL: Record<CallLogFilter, string | null> = {
  all: null,
  missed: "calls.outcome = 'missed'",
  incoming: "calls.direction = 'incoming'",
  outgoing: "calls.direction = 'outgoing'",
};
const ORDER = 'ORDER BY calls.started_at DESC, calls.id DESC';
const LIKE_SQL = "(calls.remote_number LIKE @like ESCAPE '\\' OR calls.remote_name LIKE @like ESCAPE '\\')";

/** How a search page was answered; exposed for tests and the benchmark. */
export type SearchPath = 'none' | 'window' | 'trigram' | 'parties' | 'scan';

/** A short term matching more numbers than this is common: the early-stopping scan serves it. */
export const MAX_PARTY_NUMBERS = 200;

type QueryParams = {
  limit: number;
  startedAt?: number;
  id?: string;
  number?: string;
  like?: string;
  match?: string;
  window?: number;
  numbers?: string;
};

/**
 * Persistent call history. Every write is a single statement (or one transaction), so a kill
 * at any point leaves each call either fully before or fully after that write.
 */
export class CallLogStore {
  readonly #db: Db;
  readonly #statements: Statements;
  readonly #now: () => number;
  readonly #queries = new Map<string, Statement<[QueryParams], CallRow>>();
  /** How the last search page was answered (tests, benchmark). */
  lastSearchPath: SearchPath = 'none';

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

  /**
   * One page of history, newest first, keyset-paged on (startedAt, id). `filter`, `number` and
   * `search` combine; every shape is served by an index (see migration 0003).
   */
  list(options: CallLogListOptions): CallLogEntry[] {
    const limit = Math.min(Math.max(Math.trunc(options.limit), 1), MAX_LIST_LIMIT);
    const filter = options.filter ?? 'all';
    const search = options.search?.trim() ?? '';
    if (filter === 'all' && options.number === undefined && search === '') {
      const rows = options.before
        ? this.#statements.listBefore.all({ ...options.before, limit })
        : this.#statements.listFirst.all(limit);
      return rows.map(toEntry);
    }
    const params: QueryParams = { limit };
    if (options.before) Object.assign(params, options.before);
    if (options.number !== undefined) params.number = options.number;
    const shape = { filter, before: options.before !== undefined, number: options.number !== undefined };
    if (search === '') return this.#query('plain', shape).all(params).map(toEntry);

    params.like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.window = SEARCH_WINDOW;
    const windowQuery = this.#query('window', shape);
    let windowRows = windowQuery.all(params);
    if (windowRows.length > 0 && windowRows.length < limit) {
      const needed = Math.ceil((limit / windowRows.length) * SEARCH_WINDOW * 1.5);
      if (needed <= MAX_SEARCH_WINDOW) windowRows = windowQuery.all({ ...params, window: needed });
    }
    if (windowRows.length === limit) {
      this.lastSearchPath = 'window';
      return windowRows.map(toEntry);
    }
    // Trigram needs three characters; shorter rare terms fall back to an early-stopping scan.
    if ([...search].length >= 3) {
      this.lastSearchPath = 'trigram';
      params.match = `"${search.replace(/"/g, '""')}"`;
      return this.#query('trigram', shape).all(params).map(toEntry);
    }
    const numbers = this.#statements.partyNumbers.all({ like: params.like, max: MAX_PARTY_NUMBERS + 1 });
    if (numbers.length <= MAX_PARTY_NUMBERS) {
      this.lastSearchPath = 'parties';
      return this.#query('parties', shape)
        .all({ ...params, numbers: JSON.stringify(numbers) })
        .map(toEntry);
    }
    this.lastSearchPath = 'scan';
    return this.#query('scan', shape).all(params).map(toEntry);
  }

  /** A number's whole history, newest first (a page of it). */
  listForNumber(number: string, options: Omit<CallLogListOptions, 'number'>): CallLogEntry[] {
    return this.list({ ...options, number });
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

  #query(
    kind: 'plain' | 'window' | 'trigram' | 'parties' | 'scan',
    shape: { filter: CallLogFilter; before: boolean; number: boolean },
  ): Statement<[QueryParams], CallRow> {
    const key = `${kind}:${shape.filter}:${shape.before}:${shape.number}`;
    let statement = this.#queries.get(key);
    if (statement) return statement;
    const conditions = [
      FILTER_SQL[shape.filter],
      shape.number ? 'calls.remote_number = @number' : null,
      shape.before ? '(calls.started_at, calls.id) < (@startedAt, @id)' : null,
    ];
    const where = (extra: (string | null)[] = []) => {
      const all = [...conditions, ...extra].filter((c): c is string => c !== null);
      return all.length ? `WHERE ${all.join(' AND ')}` : '';
    };
    const select = `SELECT ${QUALIFIED_COLUMNS} FROM calls`;
    const sql = {
      plain: `${select} ${where()} ${ORDER} LIMIT @limit`,
      scan: `${select} ${where([LIKE_SQL])} ${ORDER} LIMIT @limit`,
      // The inner range scan stops after @window rows; the outer ORDER BY is satisfied by the
      // subquery's order (no sort step, checked by a test).
      window: `SELECT * FROM (${select} ${where()} ${ORDER} LIMIT @window) AS calls
               WHERE ${LIKE_SQL} ${ORDER} LIMIT @limit`,
      // The numbers a short term matched, each read through calls_number_started; few calls, so sorting is cheap.
      parties: `${select} INDEXED BY calls_number_started ${where(['calls.remote_number IN (SELECT value FROM json_each(@numbers))', LIKE_SQL])}
                ORDER BY +calls.started_at DESC, calls.id DESC LIMIT @limit`,
      // CROSS JOIN keeps the trigram index as the outer loop: candidates first, then sort them.
      trigram: `SELECT ${QUALIFIED_COLUMNS} FROM calls_search CROSS JOIN calls ON calls.rowid = calls_search.rowid
                ${where(['calls_search MATCH @match'])} ${ORDER} LIMIT @limit`,
    }[kind];
    statement = this.#db.prepare<[QueryParams], CallRow>(sql);
    this.#queries.set(key, statement);
    return statement;
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
                         was_held, was_waiting)
      VALUES (@id, @direction, @phase, @remoteNumber, @remoteName, @startedAt, @answeredAt, @lastSeenAt, @wasHeld,
              @wasWaiting)
      ON CONFLICT (id) DO NOTHING`),
    update: db.prepare(`
      INSERT INTO calls (id, direction, phase, remote_number, remote_name, started_at, answered_at, last_seen_at,
                         was_held, was_waiting)
      VALUES (@id, @direction, @phase, @remoteNumber, @remoteName, @startedAt, @answeredAt, @lastSeenAt, @wasHeld,
              @wasWaiting)
      ON CONFLICT (id) DO UPDATE SET
        phase        = excluded.phase,
        was_held     = MAX(calls.was_held, excluded.was_held),
        remote_name  = COALESCE(excluded.remote_name, calls.remote_name),
        answered_at  = COALESCE(calls.answered_at, excluded.answered_at),
        last_seen_at = MAX(COALESCE(calls.last_seen_at, 0), excluded.last_seen_at)
      WHERE calls.ended_at IS NULL`),
    end: db.prepare(`
      INSERT INTO calls (id, direction, phase, remote_number, remote_name, started_at, answered_at,
                         ended_at, outcome, end_reason, duration_sec, last_seen_at, was_held,
                         was_waiting, transfer_kind, transfer_target)
      VALUES (@id, @direction, @phase, @remoteNumber, @remoteName, @startedAt, @answeredAt,
              @endedAt, @outcome, @endReason, @durationSec, @lastSeenAt, @wasHeld,
              @wasWaiting, @transferKind, @transferTarget)
      ON CONFLICT (id) DO UPDATE SET
        phase        = 'ended',
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
    partyNumbers: db
      .prepare<[{ like: string; max: number }], string>(
        `SELECT DISTINCT remote_number FROM call_parties
         WHERE remote_number LIKE @like ESCAPE '\\' OR remote_name LIKE @like ESCAPE '\\' LIMIT @max`,
      )
      .pluck(),
    deleteOne: db.prepare<[string]>('DELETE FROM calls WHERE id = ?'),
    deleteAll: db.prepare<[]>('DELETE FROM calls'),
    clearParties: db.prepare<[]>('DELETE FROM call_parties'),
    // Open calls are never removed: the crash recovery still has to close them.
    deleteStartedBefore: db.prepare<[number]>('DELETE FROM calls WHERE started_at < ? AND ended_at IS NOT NULL'),
    countMissedSince: db
      .prepare<[number], number>("SELECT count(*) FROM calls WHERE outcome = 'missed' AND started_at > ?")
      .pluck(),
    getMeta: db.prepare<[string], number>('SELECT value FROM history_meta WHERE key = ?').pluck(),
    setMeta: db.prepare<[string, number]>(
      'INSERT INTO history_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
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
    wasWaiting: call.waiting ? 1 : 0,
    // Only a transfer that went through is history; the state machine keeps no other on an ended call.
    transferKind: call.transfer?.status === 'done' ? call.transfer.kind : null,
    transferTarget: call.transfer?.status === 'done' ? call.transfer.target : null,
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
  if (row.transfer_kind !== null) entry.transferKind = row.transfer_kind;
  if (row.transfer_target !== null) entry.transferTarget = row.transfer_target;
  if (row.was_waiting) entry.waiting = true;
  return entry;
}
