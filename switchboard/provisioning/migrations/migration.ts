export type { Migration } from '../../../electron/services/sqlite/migration.ts';
