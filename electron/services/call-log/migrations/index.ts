import { migration0001 } from './0001-create-calls.ts';
import { migration0002 } from './0002-add-last-seen-at.ts';
import { migration0003 } from './0003-history-queries.ts';
import { migration0004 } from './0004-add-was-held.ts';
import { migration0005 } from './0005-add-transfer-and-waiting.ts';
import { migration0006 } from './0006-add-call-quality.ts';
import { migration0007 } from './0007-add-wrap-up.ts';
import type { Migration } from './migration.ts';

/** Every migration in order; append new ones here. */
export const callLogMigrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
];
