import Database from 'better-sqlite3';
import { migrate } from './migrate.ts';
import { provisioningMigrations } from './migrations/index.ts';

export type ProvisioningDb = Database.Database;

/** Opens (creating if needed) the provisioning database: WAL, foreign keys on, migrated to the latest schema. */
export function openProvisioningDb(path: string): ProvisioningDb {
  const db = new Database(path);
  try {
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, provisioningMigrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
