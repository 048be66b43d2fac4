import type { Migration } from './migration.ts';

const personColumns = 'company_id, department_id, name, mobile, extension, email, call_permission, avatar_url';

/** `version` = the stamping company's clock, one step on (the row is `NEW` or `OLD` in the trigger). */
const tick = (row: 'NEW' | 'OLD') => `
        UPDATE directory_clocks SET version = version + 1 WHERE company_id = ${row}.company_id;`;
const now = (row: 'NEW' | 'OLD') => `(SELECT version FROM directory_clocks WHERE company_id = ${row}.company_id)`;

/**
 * The directory's change feed counts per company (issue 22): with one global clock, the `version` a
 * company's devices see moved with every other company's changes, so one company could watch another's
 * rate of change. Each company now has its own clock. Existing companies start from the global clock's
 * value at the upgrade, so no client's stored cursor (`since`) is ahead of its company's versions (it
 * would miss changes); that one starting value is the only trace of the others, and it never moves with
 * them again. Tombstones are keyed by (company, version); a deleted company takes its clock and
 * tombstones with it.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'directory-clock-per-company',
  up(db) {
    db.exec(`
      -- The stamping triggers name the old clock: they go first, and come back per company below.
      DROP TRIGGER departments_stamp_insert;
      DROP TRIGGER departments_stamp_update;
      DROP TRIGGER departments_tombstone;
      DROP TRIGGER people_stamp_insert;
      DROP TRIGGER people_stamp_update;
      DROP TRIGGER people_tombstone;

      CREATE TABLE directory_clocks (
        company_id INTEGER PRIMARY KEY,
        version INTEGER NOT NULL
      );
      INSERT INTO directory_clocks (company_id, version) SELECT id, (SELECT version FROM directory_clock) FROM companies;
      DROP TABLE directory_clock;

      CREATE TABLE directory_tombstones_v7 (
        company_id INTEGER NOT NULL,
        version INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('department', 'person')),
        entity_id INTEGER NOT NULL,
        PRIMARY KEY (company_id, version)
      );
      INSERT INTO directory_tombstones_v7 (company_id, version, kind, entity_id)
        SELECT company_id, version, kind, entity_id FROM directory_tombstones;
      DROP TABLE directory_tombstones;
      ALTER TABLE directory_tombstones_v7 RENAME TO directory_tombstones;

      CREATE TRIGGER companies_directory_clock AFTER INSERT ON companies BEGIN
        INSERT OR REPLACE INTO directory_clocks (company_id, version) VALUES (NEW.id, 0);
      END;
      CREATE TRIGGER companies_directory_clock_delete AFTER DELETE ON companies BEGIN
        DELETE FROM directory_clocks WHERE company_id = OLD.id;
        DELETE FROM directory_tombstones WHERE company_id = OLD.id;
      END;

      CREATE TRIGGER departments_stamp_insert AFTER INSERT ON departments BEGIN${tick('NEW')}
        UPDATE departments SET version = ${now('NEW')} WHERE id = NEW.id;
      END;
      CREATE TRIGGER departments_stamp_update AFTER UPDATE OF company_id, parent_id, name, sort_order ON departments BEGIN${tick('NEW')}
        UPDATE departments SET version = ${now('NEW')} WHERE id = NEW.id;
      END;
      CREATE TRIGGER departments_tombstone AFTER DELETE ON departments
        WHEN EXISTS (SELECT 1 FROM directory_clocks WHERE company_id = OLD.company_id) BEGIN${tick('OLD')}
        INSERT INTO directory_tombstones (version, company_id, kind, entity_id)
          VALUES (${now('OLD')}, OLD.company_id, 'department', OLD.id);
      END;
      CREATE TRIGGER people_stamp_insert AFTER INSERT ON people BEGIN${tick('NEW')}
        UPDATE people SET version = ${now('NEW')} WHERE id = NEW.id;
      END;
      CREATE TRIGGER people_stamp_update AFTER UPDATE OF ${personColumns} ON people BEGIN${tick('NEW')}
        UPDATE people SET version = ${now('NEW')} WHERE id = NEW.id;
      END;
      CREATE TRIGGER people_tombstone AFTER DELETE ON people
        WHEN EXISTS (SELECT 1 FROM directory_clocks WHERE company_id = OLD.company_id) BEGIN${tick('OLD')}
        INSERT INTO directory_tombstones (version, company_id, kind, entity_id)
          VALUES (${now('OLD')}, OLD.company_id, 'person', OLD.id);
      END;
    `);
  },
};
