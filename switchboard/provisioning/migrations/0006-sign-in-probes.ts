import type { Migration } from './migration.ts';

/**
 * Registration stays hidden behind the rate limits (issue 22, docs/security-sign-in.md): every code
 * request is counted per client address (`code-request`) before anything about the number is looked
 * at, and a number no company registered gets a code row too (a decoy: no call, no digits that can
 * match), so "call me again", verify, wrong tries and lockouts answer it exactly like a registered
 * one. Those per-number counters and lockouts are now per account (number and company), so decoys
 * asked for in a company where the number is not registered never block or lock the real account. A decoy may name any company id, so `codes.company_id` no longer references `companies`
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
        -- The company the number was asked for in (NULL for a lookup): per-number limits count the account.
        company_id INTEGER,
        client_address TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      INSERT INTO attempts_v6 (kind, mobile, company_id, client_address, at)
        SELECT a.kind, a.mobile, p.company_id, a.client_address, a.at
        FROM attempts a LEFT JOIN people p ON p.mobile = a.mobile AND a.kind <> 'lookup';
      -- Code calls so far were counted per address too: they stay counted as the requests they were.
      INSERT INTO attempts_v6 (kind, mobile, client_address, at)
        SELECT 'code-request', mobile, client_address, at FROM attempts WHERE kind = 'code-call';
      DROP TABLE attempts;
      ALTER TABLE attempts_v6 RENAME TO attempts;
      CREATE INDEX attempts_account ON attempts (kind, mobile, company_id, at);
      CREATE INDEX attempts_address ON attempts (kind, client_address, at);
      CREATE INDEX attempts_at ON attempts (at);

      -- A lockout is the account's; one from before holds in every company that registered the number.
      CREATE TABLE lockouts_v6 (
        mobile TEXT NOT NULL,
        company_id INTEGER NOT NULL,
        locked_until INTEGER NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (mobile, company_id)
      );
      INSERT INTO lockouts_v6 (mobile, company_id, locked_until, reason)
        SELECT l.mobile, p.company_id, l.locked_until, l.reason FROM lockouts l JOIN people p ON p.mobile = l.mobile;
      DROP TABLE lockouts;
      ALTER TABLE lockouts_v6 RENAME TO lockouts;

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
