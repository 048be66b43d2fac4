import type { Database } from 'better-sqlite3';

/**
 * One schema step. `version` is the `PRAGMA user_version` the database has after `up` ran.
 * Migrations are frozen once released: never edit one, add the next number instead.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
