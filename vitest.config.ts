import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { SLOW_TEST_FILES as SLOW, audioTestFiles } from './test/support/test-lanes.ts';

/** Files that correlate what a call sounded like: they need the CPU to themselves (test/support/test-lanes.ts). */
const AUDIO = audioTestFiles(fileURLToPath(new URL('.', import.meta.url)));
/**
 * End-to-end files that draw the preview harness in Chromium: no switchboard and no audio, so `npm test` runs
 * them beside the unit tests rather than in the one-at-a-time line (scripts/test.ts).
 */
const PREVIEW = ['test/e2e/accessibility.e2e.test.ts', 'test/e2e/call-screen-fits.e2e.test.ts'];
const IGNORED = ['**/node_modules/**', '**/dist/**', '**/dist-electron/**'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/*.test.ts', '**/*.test.tsx'],
          exclude: [...IGNORED, ...SLOW],
        },
      },
      {
        // Real Kamailio, rtpengine, baresip and Chromium, but no audio checks: two files at a time (each starts its
        // own servers on free ports), most of their time is spent waiting on timers, pages and the network.
        test: {
          name: 'integration',
          include: SLOW,
          exclude: [...IGNORED, ...PREVIEW, ...AUDIO],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          expect: { poll: { timeout: 10_000 } },
        },
      },
      {
        // The same with audio checks: one file at a time, nothing beside it.
        test: {
          name: 'audio',
          include: AUDIO,
          exclude: IGNORED,
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // A page or a real server answers within a second when the machine is idle, not while the unit
          // tests run beside the first files: vitest's default 1 s poll failed there (incoming-call window).
          // Polls that wait for something slower still say so with their own timeout.
          expect: { poll: { timeout: 10_000 } },
        },
      },
      {
        test: {
          name: 'preview',
          include: PREVIEW,
          exclude: IGNORED,
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
