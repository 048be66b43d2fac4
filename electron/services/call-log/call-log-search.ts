/**
 * The history view's reads: a page of the list under a filter, a number, a search term, each shape
 * served by an index (migration 0003), and how a search term chooses its path.
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import type { CallLogEntry, CallLogFilter, CallLogView } from '../../../src/shared/domain.ts';
import { ENTRY_COLUMNS, QUALIFIED_COLUMNS, toEntry, type CallRow } from './call-log-rows.ts';

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

type Shape = { filter: CallLogFilter; before: boolean; number: boolean };

/** Reads pages of the history; statements are prepared once per shape and kept. */
export class CallLogQueries {
  readonly #db: Db;
  readonly #queries = new Map<string, Statement<[QueryParams], CallRow>>();
  readonly #listFirst: Statement<[number], CallRow>;
  readonly #listBefore: Statement<[{ startedAt: number; id: string; limit: number }], CallRow>;
  readonly #partyNumbers: Statement<[{ like: string; max: number }], string>;
  /** How the last search page was answered (tests, benchmark). */
  lastSearchPath: SearchPath = 'none';

  constructor(db: Db) {
    this.#db = db;
    this.#listFirst = db.prepare<[number], CallRow>(`
      SELECT ${ENTRY_COLUMNS} FROM calls
      ORDER BY started_at DESC, id DESC LIMIT ?`);
    this.#listBefore = db.prepare<[{ startedAt: number; id: string; limit: number }], CallRow>(`
      SELECT ${ENTRY_COLUMNS} FROM calls
      WHERE (started_at, id) < (@startedAt, @id)
      ORDER BY started_at DESC, id DESC LIMIT @limit`);
    this.#partyNumbers = db
      .prepare<[{ like: string; max: number }], string>(
        `SELECT DISTINCT remote_number FROM call_parties
         WHERE remote_number LIKE @like ESCAPE '\\' OR remote_name LIKE @like ESCAPE '\\' LIMIT @max`,
      )
      .pluck();
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
      const rows = options.before ? this.#listBefore.all({ ...options.before, limit }) : this.#listFirst.all(limit);
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
    const numbers = this.#partyNumbers.all({ like: params.like, max: MAX_PARTY_NUMBERS + 1 });
    if (numbers.length <= MAX_PARTY_NUMBERS) {
      this.lastSearchPath = 'parties';
      return this.#query('parties', shape)
        .all({ ...params, numbers: JSON.stringify(numbers) })
        .map(toEntry);
    }
    this.lastSearchPath = 'scan';
    return this.#query('scan', shape).all(params).map(toEntry);
  }

  #query(kind: 'plain' | 'window' | 'trigram' | 'parties' | 'scan', shape: Shape): Statement<[QueryParams], CallRow> {
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
