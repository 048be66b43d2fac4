import type { Migration } from './migration.ts';

/**
 * PLACEHOLDER, replaced on merge: version 17 is held for the supervisor branch, which may need a migration
 * and was not landed when the company's listening hold (0018) was written. Migrations must be numbered without
 * gaps, so this no-op holds the place; if supervisor brings a 0017, it takes this file's slot in index.ts and this
 * file is deleted (if it brings none, this stays a no-op). Never released with a meaning of its own.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'reserved',
  up() {},
};
