import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/migration.ts';

export class SchemaTooNewError extends Error {
  readonly found: number;
  readonly supported: number;
  constructor(found: number, supported: number) {
    super(`Provisioning database is schema version ${found}, this build understands up to ${supported}`);
    this.name = 'SchemaTooNewError';
    this.found = found;
    this.supported = supported;
  }
}

/**
 * Same pattern as the call log (electron/services/call-log/migrate.ts): each step and its
 * `user_version` bump share one transaction, so a crash mid-migration leaves the previous version.
 */
export function migrate(
  db: Database,
  migrations: readonly Migration[],
  target: number = migrations.length,
): { from: number; to: number } {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration "${migration.name}" has version ${migration.version}, expected ${index + 1}`);
    }
  });
  if (target < 0 || target > migrations.length) throw new RangeError(`No migration to version ${target}`);
  const from = userVersion(db);
  if (from > migrations.length) throw new SchemaTooNewError(from, migrations.length);
  for (const migration of migrations.slice(from, target)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return { from, to: Math.max(from, target) };
}

export function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
