import type { Migration } from '../../../../lib/sqlite/migration.ts';
import { directoryMigration0001 } from './0001-directory.ts';

export const directoryMigrations: readonly Migration[] = [directoryMigration0001];
