import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../fs/temp-dir.ts';
import { runCrashTrials } from './test-support/crash-harness.ts';

/* Override for longer soak runs: CALL_LOG_CRASH_TRIALS=1000 CALL_LOG_CRASH_SEED=7 npx vitest run ... */
const TRIALS = Number(process.env['CALL_LOG_CRASH_TRIALS'] ?? 50);
const SEED = Number(process.env['CALL_LOG_CRASH_SEED'] ?? 20_240_601);

describe('call log crash safety', () => {
  const temp = makeTempDir('call-log-crash');
  afterAll(() => temp.cleanup());

  it('runs the writer under Node 24 (better-sqlite3 is built for it)', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });

  it(
    `keeps every committed call across ${TRIALS} SIGKILLs`,
    async () => {
      const report = await runCrashTrials({ dbPath: join(temp.dir, 'calls.sqlite'), trials: TRIALS, seed: SEED });
      expect(report.trials).toBe(TRIALS);
      // The workload must actually have exercised starts, ends and recovery, or the test proves nothing.
      expect(report.callsStarted).toBeGreaterThan(TRIALS);
      expect(report.callsEndedBeforeKill).toBeGreaterThan(0);
      expect(report.callsRecovered).toBeGreaterThan(0);
      console.info('crash report', report);
    },
    Math.max(60_000, TRIALS * 1_000),
  );
});
