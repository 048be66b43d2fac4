import type { Migration } from './migration.ts';

/**
 * PLACEHOLDER on the accounts branch only: version 9 is chat's (switchboard/provisioning/chat/, another
 * branch), and the runner needs contiguous versions. At merge, chat's 0009 replaces this file in
 * index.ts; a development database this no-op already moved to version 9 is thrown away (run dirs are).
 */
export const migration0009: Migration = {
  version: 9,
  name: 'reserved-for-chat',
  up() {},
};
