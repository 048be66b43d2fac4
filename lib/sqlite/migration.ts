import type { Database } from 'better-sqlite3';

/**
 * One schema step. `version` is the `PRAGMA user_version` the database has after `up` ran.
 * Migrations are frozen once released: never edit one, add the next number instead.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /**
   * The step recreates a table that others reference (SQLite changes a constraint only that way). With
   * foreign keys on, dropping the old table would cascade into its children, so the runner turns them
   * off around the step and checks them (`foreign_key_check`) before it commits: SQLite's documented
   * "12 steps" for other kinds of table schema changes.
   */
  readonly rebuildsTables?: boolean;
  up(db: Database): void;
}
