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

export function createSubscriberDb(path: string): void {
  const db = new DatabaseSync(path);
  try {
    db.exec(schema);
  } finally {
    db.close();
  }
}

/** Inserts or updates the user's plain-text password (auth_db runs with calculate_ha1). */
export function upsertSubscriber(
  path: string,
  domain: string,
  user: SwitchboardUser,
  table: SubscriberTable = 'subscriber',
): void {
  const db = new DatabaseSync(path);
  try {
    // Kamailio may hold a read lock at this moment; wait instead of failing.
    db.exec('PRAGMA busy_timeout = 5000');
    db.prepare(
      `INSERT INTO ${table} (username, domain, password) VALUES (?, ?, ?)
       ON CONFLICT (username, domain) DO UPDATE SET password = excluded.password`,
    ).run(user.user, domain, user.password);
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
