import type { Migration } from './migration.ts';

/** The company directory: companies, departments and the people who may sign in. */
export const migration0001: Migration = {
  version: 1,
  name: 'directory',
  up(db) {
    db.exec(`
      CREATE TABLE companies (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at INTEGER NOT NULL
      );
      CREATE TABLE departments (
        id INTEGER PRIMARY KEY,
        company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        UNIQUE (company_id, name)
      );
      CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        department_id INTEGER REFERENCES departments (id) ON DELETE SET NULL,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        mobile TEXT NOT NULL CHECK (mobile GLOB '+[1-9]*' AND substr(mobile, 2) NOT GLOB '*[^0-9]*' AND length(mobile) BETWEEN 9 AND 16),
        extension TEXT NOT NULL CHECK (extension NOT GLOB '*[^0-9]*' AND length(extension) BETWEEN 2 AND 8),
        email TEXT,
        call_permission TEXT NOT NULL DEFAULT 'internal'
          CHECK (call_permission IN ('internal', 'national', 'international')),
        avatar_url TEXT,
        created_at INTEGER NOT NULL,
        UNIQUE (company_id, mobile)
      );
      -- SIP user names are global on the switchboard (one SIP domain), so extensions are too.
      CREATE UNIQUE INDEX people_extension ON people (extension);
      CREATE INDEX people_mobile ON people (mobile);
    `);
  },
};
