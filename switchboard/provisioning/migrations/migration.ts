import type { Database } from 'better-sqlite3';

/**
 * One schema step of the provisioning database. `version` is the `PRAGMA user_version` after `up` ran.
 * Frozen once released: never edit one, add the next number instead.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
