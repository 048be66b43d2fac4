import type { Migration } from './migration.ts';

/**
 * The company's listening hold (issue 20, TCCC's 通话保持, docs/adr/0005-listening-hold.md): 'on' makes every
 * agent's hold the contact-center hold (the caller hears the music, the agent keeps hearing them), 'off' the
 * standard SIP hold, 'user-choice' leaves it to each person's Settings › Audio. A company starts at
 * 'user-choice': nothing changes for it until the administrator decides (admin CLI set-agent-policy).
 */
export const migration0017: Migration = {
  version: 17,
  name: 'listening-hold',
  up(db) {
    db.exec(`
      ALTER TABLE companies ADD COLUMN listening_hold TEXT NOT NULL DEFAULT 'user-choice'
        CHECK (listening_hold IN ('user-choice', 'on', 'off'));
    `);
  },
};
