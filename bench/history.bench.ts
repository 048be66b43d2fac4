/**
 * Call-history benchmark (`npm run bench:history`): fills a call log with BENCH_N calls
 * (default 1,000,000) through CallLogStore, then times the history view's queries against a
 * plain scan baseline (the same query with indexes disabled: NOT INDEXED, full scan plus sort)
 * in the same run, on the same file.
 *
 * - insert: batches of 10,000 calls per transaction through recordCallsEnded (an import), and
 *   single calls each in their own commit through recordCallEnded (what a live call costs).
 * - first page: 50 newest calls; filter: missed / incoming / outgoing, first pages;
 *   search: common and rare number substrings, names, a rare name outside the newest window
 *   and a two-character name; detail: a number's history (first page); deep page: a page
 *   half-way down the history via the keyset cursor.
 *
 * Prints a table and, as its LAST line, one JSON object with the headline numbers.
 * BENCH_REPS (default 300) measured queries per kind; BENCH_DB keeps the file at that path.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CallLogStore, type CallLogListOptions, type SearchPath } from '../electron/services/call-log/index.ts';
import type { CallSnapshot } from '../src/shared/domain.ts';
import { syntheticHistory } from './call-log-data.ts';

const N = Number(process.env['BENCH_N'] ?? 1_000_000);
const REPS = Number(process.env['BENCH_REPS'] ?? 300);
const BASELINE_REPS = Number(process.env['BENCH_BASELINE_REPS'] ?? 5);
const { contacts: numbers, call: makeCall } = syntheticHistory(N);
const NUMBERS = numbers.length;

type Stats = { p50: number; p95: number; min: number; max: number; n: number };
function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => {
    const rank = q * (sorted.length - 1);
    const low = Math.floor(rank);
    const high = Math.ceil(rank);
    return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
  };
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    min: round(sorted[0]!),
    max: round(sorted.at(-1)!),
    n: samples.length,
  };
}
function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const dir = mkdtempSync(join(tmpdir(), 'bench-history-'));
const dbPath = process.env['BENCH_DB'] ?? join(dir, 'calls.sqlite');
const store = CallLogStore.open(dbPath);

// Insert.
const single = Math.min(10_000, Math.floor(N / 10));
const bulkStart = performance.now();
const BATCH = 10_000;
for (let i = 0; i < N - single; i += BATCH) {
  const batch: CallSnapshot[] = [];
  for (let j = i; j < Math.min(i + BATCH, N - single); j += 1) batch.push(makeCall(j));
  store.recordCallsEnded(batch);
}
const bulkSec = (performance.now() - bulkStart) / 1000;
const singleStart = performance.now();
for (let i = N - single; i < N; i += 1) store.recordCallEnded(makeCall(i));
const singleSec = (performance.now() - singleStart) / 1000;
const insertPerS = Math.round((N - single) / bulkSec);
const singleInsertPerS = Math.round(single / singleSec);

// The plain scan baseline reads the same file through a second connection with indexes off.
const raw = new Database(dbPath, { readonly: true });
const COLS =
  'id, direction, remote_number, remote_name, started_at, answered_at, ended_at, outcome, end_reason, duration_sec';
function baseline(options: CallLogListOptions): unknown[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (options.filter === 'missed') where.push(`outcome = 'missed'`);
  if (options.filter === 'incoming' || options.filter === 'outgoing') {
    where.push('direction = ?');
    params.push(options.filter);
  }
  if (options.number !== undefined) {
    where.push('remote_number = ?');
    params.push(options.number);
  }
  if (options.search) {
    where.push(`(remote_number LIKE ? OR remote_name LIKE ?)`);
    params.push(`%${options.search}%`, `%${options.search}%`);
  }
  if (options.before) {
    where.push('(started_at, id) < (?, ?)');
    params.push(options.before.startedAt, options.before.id);
  }
  const sql = `SELECT ${COLS} FROM calls NOT INDEXED ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
               ORDER BY started_at DESC, id DESC LIMIT ${options.limit}`;
  return raw.prepare(sql).all(...params);
}

const sampleNumbers = Array.from({ length: 64 }, (_, i) => numbers[Math.floor(NUMBERS * (i / 64) ** 2)]!.number);
const rareName = 'Quentin Zyx';
// A handful of calls from a rare name deep in the past: beyond the window, the index finds them.
store.recordCallsEnded(
  [0.1, 0.2, 0.3].map((share, k) => ({
    ...makeCall(Math.floor(N * share)),
    id: `rare${k}`,
    remoteName: rareName,
    remoteNumber: '+15550001234',
  })),
);
const searchTerms = [
  '100', // common digits: answered from the newest window
  '49301', // number substring
  'Müller', // common surname
  '5550001', // rare number: trigram index
  'Zyx', // rare name: trigram index
  '王', // one CJK character: window
  'Ada Kim',
];
const deepCursor = (() => {
  const row = raw
    .prepare(`SELECT started_at AS startedAt, id FROM calls ORDER BY started_at DESC, id DESC LIMIT 1 OFFSET ?`)
    .get(Math.floor(N / 2)) as { startedAt: number; id: string };
  return row;
})();

type Kind = { name: string; options: (i: number) => CallLogListOptions };
const kinds: Kind[] = [
  { name: 'first_page', options: () => ({ limit: 50 }) },
  { name: 'filter', options: (i) => ({ limit: 50, filter: (['missed', 'incoming', 'outgoing'] as const)[i % 3] }) },
  { name: 'search', options: (i) => ({ limit: 50, search: searchTerms[i % searchTerms.length]! }) },
  { name: 'detail', options: (i) => ({ limit: 50, number: sampleNumbers[i % sampleNumbers.length]! }) },
  { name: 'deep_page', options: () => ({ limit: 50, before: deepCursor }) },
];

const results: Record<string, { indexed: Stats; baseline: Stats }> = {};
const paths = new Map<SearchPath, number[]>();
for (const kind of kinds) {
  for (let i = 0; i < 20; i += 1) store.list(kind.options(i)); // warm statement cache and pages
  const samples: number[] = [];
  for (let i = 0; i < REPS; i += 1) {
    const options = kind.options(i);
    const ms = time(() => store.list(options));
    samples.push(ms);
    if (kind.name === 'search') {
      const list = paths.get(store.lastSearchPath) ?? [];
      list.push(ms);
      paths.set(store.lastSearchPath, list);
    }
  }
  const base: number[] = [];
  for (let i = 0; i < BASELINE_REPS; i += 1) {
    const options = kind.options(i);
    base.push(time(() => baseline(options)));
  }
  // Same answers, or the comparison is meaningless.
  const check = kind.options(1);
  const got = store.list(check).map((e) => e.id);
  const want = (baseline(check) as { id: string }[]).map((r) => r.id);
  if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${kind.name}: indexed and scan answers differ`);
  results[kind.name] = { indexed: stats(samples), baseline: stats(base) };
}
// Reported apart from the headline: a rare term shorter than 3 characters (a two-character
// Chinese name) cannot use trigrams; call_parties finds its numbers, the number index their calls.
store.recordCallsEnded([{ ...makeCall(Math.floor(N * 0.05)), id: 'rare-short', remoteName: '鑫垚' }]);
const shortRare = stats(
  Array.from({ length: Math.max(3, Math.floor(REPS / 30)) }, () =>
    time(() => store.list({ limit: 50, search: '鑫垚' })),
  ),
);
const badge = stats(Array.from({ length: REPS }, () => time(() => store.countUnseenMissed())));

raw.close();
store.close();
if (!process.env['BENCH_DB']) rmSync(dir, { recursive: true, force: true });

console.log(`history bench: ${N.toLocaleString('en')} calls, ${REPS} queries per kind (baseline ${BASELINE_REPS})`);
console.log(
  `insert: ${insertPerS.toLocaleString('en')}/s in 10k-call transactions, ${singleInsertPerS.toLocaleString('en')}/s one commit each`,
);
console.log('query        indexed p50 / p95 / max (ms)      plain scan p50 / p95 (ms)');
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(12)} ${`${r.indexed.p50} / ${r.indexed.p95} / ${r.indexed.max}`.padEnd(33)} ${r.baseline.p50} / ${r.baseline.p95}`,
  );
}
for (const [path, samples] of paths) console.log(`  search via ${path.padEnd(8)} ${JSON.stringify(stats(samples))}`);
console.log(`missed badge count: p50 ${badge.p50} ms, p95 ${badge.p95} ms`);
console.log(`rare 2-character search (via call_parties): p50 ${shortRare.p50} ms, p95 ${shortRare.p95} ms`);
const pick2 = (s: Stats) => ({ p50: s.p50, p95: s.p95 });
console.log(
  JSON.stringify({
    bench: 'history',
    n: N,
    insert_per_s: insertPerS,
    single_insert_per_s: singleInsertPerS,
    first_page_ms: pick2(results['first_page']!.indexed),
    filter_ms: pick2(results['filter']!.indexed),
    search_ms: pick2(results['search']!.indexed),
    detail_ms: pick2(results['detail']!.indexed),
    deep_page_ms: pick2(results['deep_page']!.indexed),
    badge_ms: pick2(badge),
    short_rare_search_ms: pick2(shortRare),
    baseline_scan_ms: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, pick2(r.baseline)])),
  }),
);
