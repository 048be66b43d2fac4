import type { Migration } from './migration.ts';

// Spelled out here, frozen with the step: the domain's list (agent-status.ts) may grow, this schema may not.
const statusList = `'available', 'busy', 'break', 'offline', 'on-call', 'after-call-work'`;

/**
 * Working status and group calls (issue 10, docs/status-and-presence.md). Call groups are numbers
 * like extensions: one SIP domain, so a group number is unique on the switchboard and may not be a
 * person's extension (triggers check both directions). Each person has one `agent_state` row, made
 * by a trigger with the person; a new person starts `offline` (colleagues must not see someone who
 * has never signed in as Available, nor may a hotline ring them), and signing in makes them Available.
 * `before_call_*` remembers the status chosen before `on-call`, so after the call a `busy` person
 * stays busy and only `available` goes through after-call work.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'agent-status',
  up(db) {
    db.exec(`
      ALTER TABLE companies ADD COLUMN after_call_work_sec INTEGER NOT NULL DEFAULT 30
        CHECK (after_call_work_sec BETWEEN 0 AND 3600);
      ALTER TABLE companies ADD COLUMN ring_timeout_sec INTEGER NOT NULL DEFAULT 20
        CHECK (ring_timeout_sec BETWEEN 1 AND 600);
      ALTER TABLE companies ADD COLUMN break_reasons TEXT NOT NULL DEFAULT '["Lunch","Meeting","Training"]'
        CHECK (json_valid(break_reasons) AND json_type(break_reasons) = 'array');
      ALTER TABLE companies ADD COLUMN auto_answer TEXT NOT NULL DEFAULT 'user-choice'
        CHECK (auto_answer IN ('never', 'user-choice', 'always'));

      CREATE TABLE call_groups (
        id INTEGER PRIMARY KEY,
        company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        number TEXT NOT NULL UNIQUE CHECK (number NOT GLOB '*[^0-9]*' AND length(number) BETWEEN 2 AND 8),
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        ring_timeout_sec INTEGER CHECK (ring_timeout_sec BETWEEN 1 AND 600),
        created_at INTEGER NOT NULL
      );
      CREATE INDEX call_groups_company ON call_groups (company_id);
      CREATE TABLE call_group_members (
        group_id INTEGER NOT NULL REFERENCES call_groups (id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, person_id)
      );
      CREATE INDEX call_group_members_person ON call_group_members (person_id);
      CREATE TRIGGER call_groups_number_free BEFORE INSERT ON call_groups
        WHEN EXISTS (SELECT 1 FROM people WHERE extension = NEW.number) BEGIN
        SELECT RAISE(ABORT, 'UNIQUE: this number is a person''s extension');
      END;
      CREATE TRIGGER call_groups_number_free_update BEFORE UPDATE OF number ON call_groups
        WHEN EXISTS (SELECT 1 FROM people WHERE extension = NEW.number) BEGIN
        SELECT RAISE(ABORT, 'UNIQUE: this number is a person''s extension');
      END;
      CREATE TRIGGER people_extension_not_a_group BEFORE INSERT ON people
        WHEN EXISTS (SELECT 1 FROM call_groups WHERE number = NEW.extension) BEGIN
        SELECT RAISE(ABORT, 'UNIQUE: this extension is a call group''s number');
      END;
      CREATE TRIGGER people_extension_not_a_group_update BEFORE UPDATE OF extension ON people
        WHEN EXISTS (SELECT 1 FROM call_groups WHERE number = NEW.extension) BEGIN
        SELECT RAISE(ABORT, 'UNIQUE: this extension is a call group''s number');
      END;

      CREATE TABLE agent_state (
        person_id INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN (${statusList})),
        reason TEXT CHECK (length(reason) BETWEEN 1 AND 100),
        since INTEGER NOT NULL,
        acw_until INTEGER,
        idle_since INTEGER,
        ring_target TEXT NOT NULL DEFAULT 'computer' CHECK (ring_target IN ('computer', 'mobile')),
        before_call_status TEXT CHECK (before_call_status IN (${statusList})),
        before_call_reason TEXT,
        CHECK ((status = 'after-call-work') = (acw_until IS NOT NULL))
      );
      CREATE INDEX agent_state_acw ON agent_state (acw_until) WHERE acw_until IS NOT NULL;
      INSERT INTO agent_state (person_id, status, since, idle_since)
        SELECT id, 'offline', created_at, NULL FROM people;
      CREATE TRIGGER people_agent_state AFTER INSERT ON people BEGIN
        INSERT INTO agent_state (person_id, status, since, idle_since)
          VALUES (NEW.id, 'offline', NEW.created_at, NULL);
      END;
    `);
  },
};
