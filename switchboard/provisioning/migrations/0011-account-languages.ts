import type { Migration } from './migration.ts';

/**
 * Accounts' mails in Swedish and French too (issue 21): the account's language may now be any the
 * switchboard speaks. SQLite changes a CHECK only by recreating the table; password history and team
 * membership reference it, so this step runs with foreign keys off and checked before commit.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'account-languages',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE accounts_v11 (
        id INTEGER PRIMARY KEY,
        company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL UNIQUE REFERENCES people (id) ON DELETE CASCADE,
        email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%'),
        role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'both')),
        language TEXT NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en', 'sv', 'fr')),
        password_hash BLOB NOT NULL,
        password_salt BLOB NOT NULL,
        password_params TEXT NOT NULL,
        must_change INTEGER NOT NULL DEFAULT 1 CHECK (must_change IN (0, 1)),
        failed_sign_ins INTEGER NOT NULL DEFAULT 0,
        last_failed_at INTEGER,
        created_at INTEGER NOT NULL,
        password_changed_at INTEGER NOT NULL,
        changed_at INTEGER NOT NULL
      );
      INSERT INTO accounts_v11 SELECT id, company_id, person_id, email, role, language, password_hash, password_salt,
        password_params, must_change, failed_sign_ins, last_failed_at, created_at, password_changed_at, changed_at
        FROM accounts;
      DROP TABLE accounts;
      ALTER TABLE accounts_v11 RENAME TO accounts;
      CREATE UNIQUE INDEX accounts_company_email ON accounts (company_id, email COLLATE NOCASE);
      CREATE INDEX accounts_email ON accounts (email COLLATE NOCASE);
    `);
  },
};
