import type { Migration } from './migration.ts';

/** Sign-in by phoned code: codes (hashed), request log for rate limits, lockouts, devices, audit. */
export const migration0002: Migration = {
  version: 2,
  name: 'sign-in',
  up(db) {
    db.exec(`
      CREATE TABLE codes (
        id INTEGER PRIMARY KEY,
        mobile TEXT NOT NULL,
        company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        code_hash BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        wrong_tries INTEGER NOT NULL DEFAULT 0,
        -- 'open' until used, superseded by a newer code, or burnt by too many wrong tries.
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'used', 'superseded', 'burnt'))
      );
      CREATE INDEX codes_mobile ON codes (mobile, created_at);

      -- Every code call placed and every wrong code typed, for the sliding-window rate limits.
      CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('code-call', 'wrong-code', 'lookup')),
        mobile TEXT,
        client_address TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX attempts_mobile ON attempts (kind, mobile, at);
      CREATE INDEX attempts_address ON attempts (kind, client_address, at);
      CREATE INDEX attempts_at ON attempts (at);

      CREATE TABLE lockouts (
        mobile TEXT PRIMARY KEY,
        locked_until INTEGER NOT NULL,
        reason TEXT NOT NULL
      );

      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        kind TEXT NOT NULL DEFAULT 'desktop' CHECK (kind IN ('desktop')),
        name TEXT,
        sip_username TEXT NOT NULL,
        -- Hash of the bearer token the app uses to sign itself out; the SIP password is not kept here.
        token_hash BLOB NOT NULL,
        client_address TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER,
        revoked_reason TEXT CHECK (revoked_reason IN ('replaced', 'signed-out', 'admin', 'person-removed'))
      );
      CREATE UNIQUE INDEX devices_one_active_per_person ON devices (person_id) WHERE revoked_at IS NULL;

      CREATE TABLE sign_in_audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        event TEXT NOT NULL,
        mobile TEXT,
        client_address TEXT,
        device_id TEXT,
        detail TEXT
      );
      CREATE INDEX sign_in_audit_at ON sign_in_audit (at);
    `);
  },
};
