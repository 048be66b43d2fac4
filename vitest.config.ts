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
        },
      },
    ],
  },
});
