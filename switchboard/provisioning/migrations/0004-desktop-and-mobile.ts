import type { Migration } from './migration.ts';

/**
 * Desktop plus mobile client: each company says whether a person may be signed in on both at once
 * ('allowed': both ring, the first to answer takes the call) or on one of them only ('not-allowed':
 * the second sign-in is refused with `other-device-active`). Each device records which app it is;
 * one active device per person *per app*. Columns are added, not tables rebuilt, so whatever other
 * migrations add to these tables survives.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'desktop-and-mobile',
  up(db) {
    db.exec(`
      ALTER TABLE companies ADD COLUMN desktop_with_mobile TEXT NOT NULL DEFAULT 'allowed'
        CHECK (desktop_with_mobile IN ('allowed', 'not-allowed'));
      ALTER TABLE devices ADD COLUMN app TEXT NOT NULL DEFAULT 'desktop' CHECK (app IN ('desktop', 'mobile'));
      DROP INDEX devices_one_active_per_person;
      CREATE UNIQUE INDEX devices_one_active_per_person_and_app ON devices (person_id, app) WHERE revoked_at IS NULL;
    `);
  },
};
