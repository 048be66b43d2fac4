import type { Migration } from './migration.ts';

/**
 * Wrap-up codes (issue 20, TCCC's 服务小结): each company's short list of codes an agent picks during
 * after-call work, as a JSON array of {code, label}, and whether a code is required before going
 * Available again. A company starts with an empty list and "not required": nothing changes for it
 * until the administrator sets a list (admin CLI set-agent-policy).
 */
export const migration0013: Migration = {
  version: 13,
  name: 'wrap-up-codes',
  up(db) {
    db.exec(`
      ALTER TABLE companies ADD COLUMN wrap_up_codes TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(wrap_up_codes) AND json_type(wrap_up_codes) = 'array');
      ALTER TABLE companies ADD COLUMN wrap_up_required INTEGER NOT NULL DEFAULT 0
        CHECK (wrap_up_required IN (0, 1));
    `);
  },
};
