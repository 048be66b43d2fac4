import { defineConfig } from 'vitest/config';

const SLOW = ['**/*.int.test.ts', '**/*.e2e.test.ts'];
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
        // Real Kamailio, rtpengine, baresip and Chromium: one file at a time on a 2-core machine.
        test: {
          name: 'integration',
          include: SLOW,
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
    ],
  },
});
