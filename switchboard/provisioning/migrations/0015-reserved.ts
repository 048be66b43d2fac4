import type { Migration } from './migration.ts';

/**
 * PLACEHOLDER, replaced on merge: version 15 belongs to the chat-finish branch (issue 16's remainder),
 * which was not landed when internal chat (0016) was written. Migrations must be numbered without gaps,
 * so this no-op holds the place; when both branches are merged, chat-finish's 0015 takes this file's
 * slot in index.ts and this file is deleted. Never released on its own.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'reserved',
  up() {},
};
