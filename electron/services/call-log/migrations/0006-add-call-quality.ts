import type { Migration } from './migration.ts';

/*
 * How each call sounded: the estimated MOS (worst and mean over the call), mean packet loss in
 * percent and mean jitter in ms, from the engine's WebRTC statistics. NULL for calls without
 * measured media (older calls, unanswered ones).
 */
export const migration0006: Migration = {
  version: 6,
  name: 'add-call-quality',
  up(db) {
    db.exec(`
      ALTER TABLE calls ADD COLUMN quality_min_mos REAL;
      ALTER TABLE calls ADD COLUMN quality_avg_mos REAL;
      ALTER TABLE calls ADD COLUMN quality_loss_pct REAL;
      ALTER TABLE calls ADD COLUMN quality_jitter_ms REAL;
    `);
  },
};
