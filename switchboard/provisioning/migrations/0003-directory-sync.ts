import type { Migration } from './migration.ts';

const personColumns = 'company_id, department_id, name, mobile, extension, email, call_permission, avatar_url';

/**
 * Departments become a tree (`parent_id`; names unique among siblings, not per company) and the
 * directory gets a change feed: one global clock, every change to a department or person stamps the
 * row with the next version (triggers, so every writer — CSV import, admin CLI, demo seed — is
 * covered), deletions leave a tombstone with its version. Avatars uploaded by an administrator
 * live in `avatars`; a changed avatar stamps its person, so clients revalidate it.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'directory-sync',
  up(db) {
    db.exec(`
      CREATE TABLE departments_v3 (
        id INTEGER PRIMARY KEY,
        company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        parent_id INTEGER REFERENCES departments_v3 (id) ON DELETE SET NULL,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        sort_order INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 0
      );
      INSERT INTO departments_v3 (id, company_id, parent_id, name) SELECT id, company_id, NULL, name FROM departments;
      -- Dropping the old table runs its ON DELETE SET NULL on people; keep their departments to restore.
      CREATE TEMP TABLE kept_departments AS SELECT id, department_id FROM people WHERE department_id IS NOT NULL;
      DROP TABLE departments;
      ALTER TABLE departments_v3 RENAME TO departments;
      UPDATE people SET department_id = (SELECT department_id FROM kept_departments k WHERE k.id = people.id)
        WHERE id IN (SELECT id FROM kept_departments);
      DROP TABLE kept_departments;
      -- Sibling names are unique; a root's parent is NULL, which UNIQUE treats as distinct, hence the expression.
      CREATE UNIQUE INDEX departments_sibling_name ON departments (company_id, ifnull(parent_id, 0), name);
      CREATE INDEX departments_parent ON departments (parent_id);

      ALTER TABLE people ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX people_department ON people (department_id);

      CREATE TABLE directory_clock (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL
      );
      CREATE TABLE directory_tombstones (
        version INTEGER PRIMARY KEY,
        company_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('department', 'person')),
        entity_id INTEGER NOT NULL
      );
      CREATE INDEX directory_tombstones_company ON directory_tombstones (company_id, version);

      CREATE TABLE avatars (
        person_id INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
        content_type TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp', 'image/svg+xml')),
        bytes BLOB NOT NULL CHECK (length(bytes) BETWEEN 1 AND 262144),
        etag TEXT NOT NULL
      );

      -- Existing rows get versions in id order (departments first, so a first sync sees them before their people).
      UPDATE departments SET version = id;
      UPDATE people SET version = (SELECT ifnull(max(id), 0) FROM departments) + id;
      INSERT INTO directory_clock (id, version)
        VALUES (1, (SELECT ifnull(max(id), 0) FROM departments) + (SELECT ifnull(max(id), 0) FROM people));
      CREATE INDEX departments_company_version ON departments (company_id, version);
      CREATE INDEX people_company_version ON people (company_id, version);

      CREATE TRIGGER departments_stamp_insert AFTER INSERT ON departments BEGIN
        UPDATE directory_clock SET version = version + 1;
        UPDATE departments SET version = (SELECT version FROM directory_clock) WHERE id = NEW.id;
      END;
      CREATE TRIGGER departments_stamp_update AFTER UPDATE OF company_id, parent_id, name, sort_order ON departments BEGIN
        UPDATE directory_clock SET version = version + 1;
        UPDATE departments SET version = (SELECT version FROM directory_clock) WHERE id = NEW.id;
      END;
      CREATE TRIGGER departments_tombstone AFTER DELETE ON departments BEGIN
        UPDATE directory_clock SET version = version + 1;
        INSERT INTO directory_tombstones (version, company_id, kind, entity_id)
          VALUES ((SELECT version FROM directory_clock), OLD.company_id, 'department', OLD.id);
      END;
      CREATE TRIGGER people_stamp_insert AFTER INSERT ON people BEGIN
        UPDATE directory_clock SET version = version + 1;
        UPDATE people SET version = (SELECT version FROM directory_clock) WHERE id = NEW.id;
      END;
      CREATE TRIGGER people_stamp_update AFTER UPDATE OF ${personColumns} ON people BEGIN
        UPDATE directory_clock SET version = version + 1;
        UPDATE people SET version = (SELECT version FROM directory_clock) WHERE id = NEW.id;
      END;
      CREATE TRIGGER people_tombstone AFTER DELETE ON people BEGIN
        UPDATE directory_clock SET version = version + 1;
        INSERT INTO directory_tombstones (version, company_id, kind, entity_id)
          VALUES ((SELECT version FROM directory_clock), OLD.company_id, 'person', OLD.id);
      END;
      CREATE TRIGGER avatars_stamp_insert AFTER INSERT ON avatars BEGIN
        UPDATE people SET avatar_url = avatar_url WHERE id = NEW.person_id;
      END;
      CREATE TRIGGER avatars_stamp_update AFTER UPDATE ON avatars BEGIN
        UPDATE people SET avatar_url = avatar_url WHERE id = NEW.person_id;
      END;
      CREATE TRIGGER avatars_stamp_delete AFTER DELETE ON avatars BEGIN
        UPDATE people SET avatar_url = avatar_url WHERE id = OLD.person_id;
      END;
    `);
  },
};
