export type { Migration } from '../../../lib/sqlite/migration.ts';
