import type { Migration } from './migration.ts';

/**
 * Registration stays hidden behind the rate limits (issue 22, docs/security-sign-in.md): every code
 * request is counted per client address (`code-request`) before anything about the number is looked
 * at, and a number no company registered gets a code row too (a decoy: no call, no digits that can
 * match), so "call me again", verify, wrong tries and lockouts answer it exactly like a registered
 * one. A decoy may name any company id, so `codes.company_id` no longer references `companies`
 * (codes live 5 minutes; the verify that would use one finds the person or refuses). Codes older than
 * a day are pruned like attempts, hence the index on `created_at`.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'sign-in-probes',
  up(db) {
    db.exec(`
      CREATE TABLE attempts_v6 (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('code-call', 'code-request', 'wrong-code', 'lookup')),
        mobile TEXT,
        client_address TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      INSERT INTO attempts_v6 (id, kind, mobile, client_address, at)
        SELECT id, kind, mobile, client_address, at FROM attempts;
      -- Code calls so far were counted per address too: they stay counted as the requests they were.
      INSERT INTO attempts_v6 (kind, mobile, client_address, at)
        SELECT 'code-request', mobile, client_address, at FROM attempts WHERE kind = 'code-call';
      DROP TABLE attempts;
      ALTER TABLE attempts_v6 RENAME TO attempts;
      CREATE INDEX attempts_mobile ON attempts (kind, mobile, at);
      CREATE INDEX attempts_address ON attempts (kind, client_address, at);
      CREATE INDEX attempts_at ON attempts (at);

      CREATE TABLE codes_v6 (
        id INTEGER PRIMARY KEY,
        mobile TEXT NOT NULL,
        company_id INTEGER NOT NULL,
        code_hash BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        wrong_tries INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'used', 'superseded', 'burnt'))
      );
      INSERT INTO codes_v6 SELECT id, mobile, company_id, code_hash, created_at, expires_at, wrong_tries, state FROM codes;
      DROP TABLE codes;
      ALTER TABLE codes_v6 RENAME TO codes;
      CREATE INDEX codes_mobile ON codes (mobile, created_at);
      CREATE INDEX codes_created ON codes (created_at);
    `);
  },
};
