/**
 * The call log's crash-safety soak (`npm run bench:history-crash`): the same kill-and-recover
 * harness as electron/services/call-log/crash-safety.test.ts, with 1,000 SIGKILL points by
 * default, now against the schema with the history indexes and the trigram search table.
 * After the trials the search index must agree with the table (FTS5 integrity-check).
 * CALL_LOG_CRASH_TRIALS and CALL_LOG_CRASH_SEED override; the last line is one JSON object.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runCrashTrials } from '../electron/services/call-log/test-support/crash-harness.ts';

const trials = Number(process.env['CALL_LOG_CRASH_TRIALS'] ?? 1_000);
const seed = Number(process.env['CALL_LOG_CRASH_SEED'] ?? 20_240_601);
const dir = mkdtempSync(join(tmpdir(), 'history-crash-'));
const dbPath = join(dir, 'calls.sqlite');
const start = performance.now();
try {
  const report = await runCrashTrials({ dbPath, trials, seed });
  const db = new Database(dbPath);
  db.prepare(`INSERT INTO calls_search (calls_search) VALUES ('integrity-check')`).run();
  const rows = db.prepare('SELECT count(*) FROM calls').pluck().get();
  db.close();
  console.log(
    JSON.stringify({
      bench: 'history-crash',
      seed,
      rows,
      seconds: Math.round((performance.now() - start) / 1000),
      ...report,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
