import { migration0001 } from './0001-directory.ts';
import { migration0002 } from './0002-sign-in.ts';
import { migration0004 } from './0004-desktop-and-mobile.ts';
import type { Migration } from './migration.ts';

export type { Migration } from './migration.ts';

/**
 * MERGE NOTE: version 3 belongs to the directory work (issue 4, 0003-*.ts); this empty step only
 * keeps the versions contiguous on the sign-in branch. When both meet, put that migration here.
 */
const migration0003Placeholder: Migration = { version: 3, name: 'reserved-for-directory', up() {} };

export const provisioningMigrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003Placeholder,
  migration0004,
];
