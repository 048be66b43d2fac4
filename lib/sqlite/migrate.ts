/**
 * The one migration runner for every SQLite database we own (the app's call log,
 * the switchboard's provisioning store): numbered steps over `PRAGMA user_version`.
 */
import type { Database } from 'better-sqlite3';
import type { Migration } from './migration.ts';

export type { Migration } from './migration.ts';

export class SchemaTooNewError extends Error {
  readonly found: number;
  readonly supported: number;
  constructor(found: number, supported: number) {
    super(`The database is at schema version ${found}; this build understands up to ${supported}`);
    this.name = 'SchemaTooNewError';
    this.found = found;
    this.supported = supported;
  }
}

export interface MigrationResult {
  from: number;
  to: number;
}

/**
 * Brings the database to `target` (default: the last migration). Each step and its
 * `user_version` bump share one transaction, so a kill mid-migration leaves the previous
 * version intact and the next start simply retries that step.
 */
export function migrate(
  db: Database,
  migrations: readonly Migration[],
  target: number = migrations.length,
): MigrationResult {
  assertContiguous(migrations);
  if (target < 0 || target > migrations.length) {
    throw new RangeError(`No migration to version ${target}`);
  }
  const from = userVersion(db);
  if (from > migrations.length) {
    // An older build must not write to a newer schema it does not understand.
    throw new SchemaTooNewError(from, migrations.length);
  }
  for (const migration of migrations.slice(from, target)) {
    // `PRAGMA foreign_keys` is a no-op inside a transaction, so it is switched outside the step's.
    const keysWereOn = migration.rebuildsTables === true && db.pragma('foreign_keys', { simple: true }) === 1;
    if (keysWereOn) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        migration.up(db);
        if (migration.rebuildsTables) assertForeignKeysHold(db, migration);
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    } finally {
      if (keysWereOn) db.pragma('foreign_keys = ON');
    }
  }
  return { from, to: Math.max(from, target) };
}

export function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function assertForeignKeysHold(db: Database, migration: Migration): void {
  const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
  if (broken.length > 0) {
    const first = broken[0]!;
    throw new Error(
      `Migration "${migration.name}" leaves ${broken.length} row(s) whose foreign key fails (first: ${first.table} → ${first.parent})`,
    );
  }
}

function assertContiguous(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration "${migration.name}" has version ${migration.version}, expected ${index + 1}`);
    }
  });
}
