import type { Migration } from './migration.ts';

/**
 * The station step (issue 18): calls may ring the person's desk phone or a number they typed, besides
 * the computer and the mobile. `ring_number` is the typed number (E.164), `desk_phone` the SIP user of
 * the desk phone the administrator gave the extension. A device signed out by a password change or
 * reset says so (`password-changed`; it was `replaced`, which the app words as another computer's sign-in).
 * SQLite changes a CHECK only by recreating the table; the trigger that gives each new person a state
 * names its table, so it is made again too.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'station',
  rebuildsTables: true,
  up(db) {
    const statuses = `'available', 'busy', 'break', 'offline', 'on-call', 'after-call-work'`;
    db.exec(`
      DROP TRIGGER people_agent_state;
      CREATE TABLE agent_state_v12 (
        person_id INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN (${statuses})),
        reason TEXT CHECK (length(reason) BETWEEN 1 AND 100),
        since INTEGER NOT NULL,
        acw_until INTEGER,
        idle_since INTEGER,
        ring_target TEXT NOT NULL DEFAULT 'computer' CHECK (ring_target IN ('computer', 'mobile', 'desk', 'number')),
        before_call_status TEXT CHECK (before_call_status IN (${statuses})),
        before_call_reason TEXT,
        ring_number TEXT CHECK (ring_number GLOB '+[1-9]*' AND length(ring_number) BETWEEN 9 AND 16),
        desk_phone TEXT CHECK (length(desk_phone) BETWEEN 1 AND 64),
        CHECK ((status = 'after-call-work') = (acw_until IS NOT NULL)),
        CHECK (ring_target <> 'number' OR ring_number IS NOT NULL),
        CHECK (ring_target <> 'desk' OR desk_phone IS NOT NULL)
      );
      INSERT INTO agent_state_v12 (person_id, status, reason, since, acw_until, idle_since, ring_target,
        before_call_status, before_call_reason)
        SELECT person_id, status, reason, since, acw_until, idle_since, ring_target, before_call_status,
          before_call_reason FROM agent_state;
      DROP TABLE agent_state;
      ALTER TABLE agent_state_v12 RENAME TO agent_state;
      CREATE INDEX agent_state_acw ON agent_state (acw_until) WHERE acw_until IS NOT NULL;
      CREATE TABLE devices_v12 (
        id TEXT PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        kind TEXT NOT NULL DEFAULT 'desktop' CHECK (kind IN ('desktop')),
        name TEXT,
        sip_username TEXT NOT NULL,
        -- Hash of the bearer token the app uses to sign itself out; the SIP password is not kept here.
        token_hash BLOB NOT NULL,
        client_address TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER,
        revoked_reason TEXT CHECK (revoked_reason IN ('replaced', 'signed-out', 'admin', 'person-removed',
          'password-changed')),
        app TEXT NOT NULL DEFAULT 'desktop' CHECK (app IN ('desktop', 'mobile'))
      );
      INSERT INTO devices_v12 (id, person_id, kind, name, sip_username, token_hash, client_address, created_at,
        revoked_at, revoked_reason, app)
        SELECT id, person_id, kind, name, sip_username, token_hash, client_address, created_at, revoked_at,
          revoked_reason, app FROM devices;
      DROP TABLE devices;
      ALTER TABLE devices_v12 RENAME TO devices;
      CREATE UNIQUE INDEX devices_one_active_per_person_and_app ON devices (person_id, app) WHERE revoked_at IS NULL;
      CREATE TRIGGER people_agent_state AFTER INSERT ON people BEGIN
        INSERT INTO agent_state (person_id, status, since, idle_since)
          VALUES (NEW.id, 'offline', NEW.created_at, NULL);
      END;
    `);
  },
};
