import { createHash } from 'node:crypto';
import { chmodSync, closeSync, openSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { SwitchboardUser } from './users.ts';

// Kamailio's auth_db refuses to start unless the version table lists subscriber at version 7.
const schema = `
CREATE TABLE IF NOT EXISTS version (
  id INTEGER PRIMARY KEY NOT NULL,
  table_name VARCHAR(32) NOT NULL,
  table_version INTEGER DEFAULT 0 NOT NULL,
  CONSTRAINT version_table_name_idx UNIQUE (table_name)
);
INSERT OR IGNORE INTO version (table_name, table_version) VALUES ('version', 1);
CREATE TABLE IF NOT EXISTS subscriber (
  id INTEGER PRIMARY KEY NOT NULL,
  username VARCHAR(64) DEFAULT '' NOT NULL,
  domain VARCHAR(64) DEFAULT '' NOT NULL,
  password VARCHAR(64) DEFAULT '' NOT NULL,
  ha1 VARCHAR(128) DEFAULT '' NOT NULL,
  ha1b VARCHAR(128) DEFAULT '' NOT NULL,
  CONSTRAINT subscriber_account_idx UNIQUE (username, domain)
);
INSERT OR IGNORE INTO version (table_name, table_version) VALUES ('subscriber', 7);
-- The password column stays (Kamailio's schema), always empty: only the HA1 digests are kept.
-- A person's mobile client: its own password for the same extension, so the desktop's sign-ins and
-- revocations (which re-key or delete the subscriber row) leave it alone. Kamailio checks it second.
CREATE TABLE IF NOT EXISTS mobile_subscriber (
  id INTEGER PRIMARY KEY NOT NULL,
  username VARCHAR(64) DEFAULT '' NOT NULL,
  domain VARCHAR(64) DEFAULT '' NOT NULL,
  password VARCHAR(64) DEFAULT '' NOT NULL,
  ha1 VARCHAR(128) DEFAULT '' NOT NULL,
  ha1b VARCHAR(128) DEFAULT '' NOT NULL,
  CONSTRAINT mobile_subscriber_account_idx UNIQUE (username, domain)
);
INSERT OR IGNORE INTO version (table_name, table_version) VALUES ('mobile_subscriber', 7);
`;

/** Which table an account lives in: the desktop's (and plain users') or the mobile client's. */
export type SubscriberTable = 'subscriber' | 'mobile_subscriber';
const tables: SubscriberTable[] = ['subscriber', 'mobile_subscriber'];

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/**
 * What Kamailio's auth_db checks digests against (calculate_ha1 off): HA1 = MD5(user:realm:password),
 * HA1B the same with user@domain as the user. The realm is the domain (kamailio.cfg's auth_check).
 */
export function digestHashes(username: string, domain: string, password: string): { ha1: string; ha1b: string } {
  return { ha1: md5(`${username}:${domain}:${password}`), ha1b: md5(`${username}@${domain}:${domain}:${password}`) };
}

/** Creates the database owner-only; rows a run before stored with a plain password get their hashes instead. */
export function createSubscriberDb(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  const db = new DatabaseSync(path);
  try {
    db.exec(schema);
    // Zero what an update frees, so a converted password is not left behind in a free page.
    db.exec('PRAGMA secure_delete = ON');
    for (const table of tables) {
      const plain = db.prepare(`SELECT id, username, domain, password FROM ${table} WHERE password <> ''`).all();
      for (const row of plain as Array<{ id: number; username: string; domain: string; password: string }>) {
        const { ha1, ha1b } = digestHashes(row.username, row.domain, row.password);
        db.prepare(`UPDATE ${table} SET ha1 = ?, ha1b = ?, password = '' WHERE id = ?`).run(ha1, ha1b, row.id);
      }
    }
  } finally {
    db.close();
  }
}

/**
 * Inserts or updates the user's account as digest hashes; the password itself is never stored (whoever
 * needs it, such as a device being signed in, gets it from where it was made).
 */
export function upsertSubscriber(
  path: string,
  domain: string,
  user: SwitchboardUser,
  table: SubscriberTable = 'subscriber',
): void {
  const { ha1, ha1b } = digestHashes(user.user, domain, user.password);
  const db = new DatabaseSync(path);
  try {
    // Kamailio may hold a read lock at this moment; wait instead of failing.
    db.exec('PRAGMA busy_timeout = 5000');
    db.prepare(
      `INSERT INTO ${table} (username, domain, password, ha1, ha1b) VALUES (?, ?, '', ?, ?)
       ON CONFLICT (username, domain) DO UPDATE SET password = '', ha1 = excluded.ha1, ha1b = excluded.ha1b`,
    ).run(user.user, domain, ha1, ha1b);
  } finally {
    db.close();
  }
}

/** Removes the user's row: Kamailio then answers that user's next REGISTER with 401. */
export function deleteSubscriber(
  path: string,
  domain: string,
  username: string,
  table: SubscriberTable = 'subscriber',
): void {
  const db = new DatabaseSync(path);
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    db.prepare(`DELETE FROM ${table} WHERE username = ? AND domain = ?`).run(username, domain);
  } finally {
    db.close();
  }
}
