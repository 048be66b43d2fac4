import type { Migration } from './migration.ts';

/**
 * Contact-center accounts (issue 18): an e-mail and password in front of a person of the directory
 * (whose extension is the SIP user, so the device, token and SIP model of the number sign-in is
 * reused as it is). The e-mail is unique per company ignoring ASCII case. Passwords are scrypt hashes
 * with their own salt and parameters (so the cost can be raised later); the last five are kept to
 * refuse reuse. Failed sign-ins are counted on the account for the administrator; the limits that
 * refuse them live in `attempts`/`lockouts` with the number sign-in's, keyed by the e-mail, so an
 * e-mail nobody registered is limited and locked exactly alike. Reset codes are keyed by the e-mail
 * too (a decoy for an unknown one), hashed, with expiry and wrong tries.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'accounts',
  up(db) {
    db.exec(`
      ALTER TABLE companies ADD COLUMN account_cap INTEGER CHECK (account_cap IS NULL OR account_cap >= 0);
      -- The company's mail server; NULL: the switchboard's default (the local SMTP catcher of a reference run).
      ALTER TABLE companies ADD COLUMN smtp_host TEXT;
      ALTER TABLE companies ADD COLUMN smtp_port INTEGER CHECK (smtp_port IS NULL OR smtp_port BETWEEN 1 AND 65535);
      ALTER TABLE companies ADD COLUMN mail_from TEXT;

      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL UNIQUE REFERENCES people (id) ON DELETE CASCADE,
        email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%'),
        role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'both')),
        language TEXT NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en')),
        password_hash BLOB NOT NULL,
        password_salt BLOB NOT NULL,
        -- JSON {"N":…,"r":…,"p":…,"keylen":…}: the scrypt cost this hash was made with.
        password_params TEXT NOT NULL,
        must_change INTEGER NOT NULL DEFAULT 1 CHECK (must_change IN (0, 1)),
        failed_sign_ins INTEGER NOT NULL DEFAULT 0,
        last_failed_at INTEGER,
        created_at INTEGER NOT NULL,
        password_changed_at INTEGER NOT NULL,
        changed_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX accounts_company_email ON accounts (company_id, email COLLATE NOCASE);
      CREATE INDEX accounts_email ON accounts (email COLLATE NOCASE);

      CREATE TABLE password_history (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        password_hash BLOB NOT NULL,
        password_salt BLOB NOT NULL,
        password_params TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX password_history_account ON password_history (account_id, at);

      CREATE TABLE teams (
        id INTEGER PRIMARY KEY,
        company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        UNIQUE (company_id, name)
      );
      CREATE TABLE team_members (
        team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        PRIMARY KEY (team_id, account_id)
      );

      CREATE TABLE reset_codes (
        id INTEGER PRIMARY KEY,
        -- The e-mail as typed, lower-cased; 0 when the request named no company.
        email_key TEXT NOT NULL,
        company_id INTEGER NOT NULL,
        code_hash BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        wrong_tries INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'used', 'superseded', 'burnt'))
      );
      CREATE INDEX reset_codes_email ON reset_codes (email_key, company_id, created_at);
      CREATE INDEX reset_codes_created ON reset_codes (created_at);

      -- Wrong passwords and reset codes are counted with the number sign-in's attempts.
      CREATE TABLE attempts_v10 (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('code-call', 'code-request', 'wrong-code', 'lookup', 'wrong-password')),
        mobile TEXT,
        company_id INTEGER,
        client_address TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      INSERT INTO attempts_v10 SELECT id, kind, mobile, company_id, client_address, at FROM attempts;
      DROP TABLE attempts;
      ALTER TABLE attempts_v10 RENAME TO attempts;
      CREATE INDEX attempts_account ON attempts (kind, mobile, company_id, at);
      CREATE INDEX attempts_address ON attempts (kind, client_address, at);
      CREATE INDEX attempts_at ON attempts (at);
    `);
  },
};
