import type { Migration } from './migration.ts';

/**
 * Versions 12–14 are taken by other branches' migrations (the chat work, the sign-in station). This
 * branch needs its 0015 in place now and the runner wants the steps contiguous, so these hold the
 * numbers and do nothing. When those branches land, their migrations replace these in index.ts and this file goes.
 */
const reserved = (version: number): Migration => ({ version, name: `reserved-${version}`, up() {} });

export const migration0012Reserved = reserved(12);
export const migration0013Reserved = reserved(13);
export const migration0014Reserved = reserved(14);
