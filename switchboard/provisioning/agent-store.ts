import {
  agentStatuses,
  defaultAgentPolicy,
  type AgentPolicy,
  type AgentState,
  type RingTarget,
  type WrapUpCode,
} from './agent-status.ts';
import { callPermissionOf } from './call-permission.ts';
import type { ProvisioningDb } from './db.ts';
import type { CallPermission } from './directory.ts';
import type { HuntMember } from './hunting.ts';

/** A person's status as every client of the company sees it (docs/status-and-presence.md). */
export type Presence = {
  extension: string;
  status: AgentState['status'];
  reason: string | null;
  since: number;
  acwUntil: number | null;
  idleSince: number | null;
  ringTarget: RingTarget;
};

export type GroupPresence = {
  number: string;
  name: string;
  members: string[];
  available: number;
  ringTimeoutSec: number;
};

export type GroupForHunt = {
  id: number;
  companyId: number;
  number: string;
  ringTimeoutSec: number;
  members: HuntMember[];
};

export type PersonForRouting = {
  id: number;
  companyId: number;
  extension: string;
  /** E.164, as the directory keeps it. */
  mobile: string;
  callPermission: CallPermission;
  /** The SIP user calls go to when they do not ring the computer (hunting.ts, awayUserOf); null on the computer. */
  awayUser: string | null;
  state: AgentState;
  ringTarget: RingTarget;
};

/** What the station step shows of a person's own ring target (never sent to colleagues). */
/** A desk phone as the company's apps see it. */
export type DeskPhone = { sipUser: string; extension: string; name: string };

export type Station = { deskPhone: boolean; ringNumber: string | null };

type StateRow = {
  person_id: number;
  company_id: number;
  extension: string;
  mobile: string;
  call_permission: string;
  status: string;
  reason: string | null;
  since: number;
  acw_until: number | null;
  idle_since: number | null;
  ring_target: RingTarget;
  ring_number: string | null;
  desk_phone: string | null;
  before_call_status: string | null;
  before_call_reason: string | null;
};

const stateColumns = `s.person_id, p.company_id, p.extension, p.mobile, p.call_permission, s.status, s.reason, s.since,
  s.acw_until, s.idle_since, s.ring_target, s.ring_number, s.desk_phone, s.before_call_status, s.before_call_reason`;

function wrapUpCodesOf(json: string): WrapUpCode[] {
  const codes = JSON.parse(json) as unknown;
  if (!Array.isArray(codes)) return [];
  return codes.filter(
    (c): c is WrapUpCode =>
      typeof c === 'object' &&
      c !== null &&
      typeof (c as WrapUpCode).code === 'string' &&
      typeof (c as WrapUpCode).label === 'string',
  );
}

function statusOf(text: string): AgentState['status'] {
  return agentStatuses.find((s) => s === text) ?? 'offline';
}

function stateOfRow(row: StateRow): AgentState {
  return {
    status: statusOf(row.status),
    reason: row.reason,
    since: row.since,
    acwUntil: row.acw_until,
    idleSince: row.idle_since,
    beforeCall:
      row.before_call_status === null
        ? null
        : { status: statusOf(row.before_call_status), reason: row.before_call_reason },
  };
}

function presenceOfRow(row: StateRow): Presence {
  const state = stateOfRow(row);
  return {
    extension: row.extension,
    status: state.status,
    reason: state.reason,
    since: state.since,
    acwUntil: state.acwUntil,
    idleSince: state.idleSince,
    ringTarget: row.ring_target,
  };
}

/** Mobile and typed numbers are reached at their E.164 digits (as the code line dials them), a desk phone at its SIP user. */
function awayUserOf(row: StateRow): string | null {
  switch (row.ring_target) {
    case 'computer':
      return null;
    case 'mobile':
      return row.mobile.slice(1);
    case 'number':
      return row.ring_number?.slice(1) ?? null;
    case 'desk':
      return row.desk_phone;
  }
}

function routingOfRow(row: StateRow): PersonForRouting {
  return {
    id: row.person_id,
    companyId: row.company_id,
    extension: row.extension,
    mobile: row.mobile,
    callPermission: callPermissionOf(row.call_permission),
    awayUser: awayUserOf(row),
    state: stateOfRow(row),
    ringTarget: row.ring_target,
  };
}

/** Agent state, policy and call groups in the provisioning database. */
export class AgentStore {
  private readonly db: ProvisioningDb;
  constructor(db: ProvisioningDb) {
    this.db = db;
  }

  policy(companyId: number): AgentPolicy {
    const row = this.db
      .prepare(
        `SELECT after_call_work_sec, ring_timeout_sec, break_reasons, auto_answer, wrap_up_codes, wrap_up_required,
                listening_hold
         FROM companies WHERE id = ?`,
      )
      .get(companyId) as
      | {
          after_call_work_sec: number;
          ring_timeout_sec: number;
          break_reasons: string;
          auto_answer: string;
          wrap_up_codes: string;
          wrap_up_required: number;
          listening_hold: string;
        }
      | undefined;
    if (!row) return defaultAgentPolicy;
    const reasons = JSON.parse(row.break_reasons) as unknown;
    return {
      afterCallWorkSec: row.after_call_work_sec,
      ringTimeoutSec: row.ring_timeout_sec,
      breakReasons: Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : [],
      autoAnswer: row.auto_answer === 'never' || row.auto_answer === 'always' ? row.auto_answer : 'user-choice',
      wrapUpCodes: wrapUpCodesOf(row.wrap_up_codes),
      wrapUpRequired: row.wrap_up_required === 1,
      listeningHold: row.listening_hold === 'on' || row.listening_hold === 'off' ? row.listening_hold : 'user-choice',
    };
  }

  person(personId: number): PersonForRouting | null {
    const row = this.db
      .prepare(`SELECT ${stateColumns} FROM agent_state s JOIN people p ON p.id = s.person_id WHERE s.person_id = ?`)
      .get(personId) as StateRow | undefined;
    return row ? routingOfRow(row) : null;
  }

  personByExtension(extension: string): PersonForRouting | null {
    const row = this.db
      .prepare(`SELECT ${stateColumns} FROM people p JOIN agent_state s ON s.person_id = p.id WHERE p.extension = ?`)
      .get(extension) as StateRow | undefined;
    return row ? routingOfRow(row) : null;
  }

  /** A person's extension or a call group's number on this switchboard (both are unique on it). */
  isOurNumber(digits: string): boolean {
    return (
      this.db
        .prepare(`SELECT 1 FROM people WHERE extension = ? UNION ALL SELECT 1 FROM call_groups WHERE number = ?`)
        .get(digits, digits) !== undefined
    );
  }

  presence(personId: number): Presence | null {
    const row = this.db
      .prepare(`SELECT ${stateColumns} FROM agent_state s JOIN people p ON p.id = s.person_id WHERE s.person_id = ?`)
      .get(personId) as StateRow | undefined;
    return row ? presenceOfRow(row) : null;
  }

  companyPresence(companyId: number): Presence[] {
    const rows = this.db
      .prepare(
        `SELECT ${stateColumns} FROM people p JOIN agent_state s ON s.person_id = p.id
         WHERE p.company_id = ? ORDER BY p.extension`,
      )
      .all(companyId) as StateRow[];
    return rows.map(presenceOfRow);
  }

  saveState(personId: number, state: AgentState): void {
    this.db
      .prepare(
        `UPDATE agent_state SET status = ?, reason = ?, since = ?, acw_until = ?, idle_since = ?,
           before_call_status = ?, before_call_reason = ? WHERE person_id = ?`,
      )
      .run(
        state.status,
        state.reason,
        state.since,
        state.acwUntil,
        state.idleSince,
        state.beforeCall?.status ?? null,
        state.beforeCall?.reason ?? null,
        personId,
      );
  }

  /** A typed number is kept when another target is chosen, so the station step can offer it again. */
  setRingTarget(personId: number, ringTarget: RingTarget, ringNumber?: string): void {
    this.db
      .prepare(`UPDATE agent_state SET ring_target = ?, ring_number = ifnull(?, ring_number) WHERE person_id = ?`)
      .run(ringTarget, ringNumber ?? null, personId);
  }

  station(personId: number): Station {
    const row = this.db.prepare(`SELECT desk_phone, ring_number FROM agent_state WHERE person_id = ?`).get(personId) as
      { desk_phone: string | null; ring_number: string | null } | undefined;
    return { deskPhone: Boolean(row?.desk_phone), ringNumber: row?.ring_number ?? null };
  }

  /**
   * The administrator's desk phone for an extension (its SIP user), or null to remove it; a person whose
   * calls rang there go back to the computer.
   */
  setDeskPhone(extension: string, sipUser: string | null): boolean {
    const result = this.db
      .prepare(
        `UPDATE agent_state SET desk_phone = ?,
           ring_target = CASE WHEN ? IS NULL AND ring_target = 'desk' THEN 'computer' ELSE ring_target END
         WHERE person_id = (SELECT id FROM people WHERE extension = ?)`,
      )
      .run(sipUser, sipUser, extension);
    return result.changes > 0;
  }

  /** People whose after-call work has run out by `now`. */
  afterCallWorkDue(now: number): number[] {
    return this.db
      .prepare(`SELECT person_id FROM agent_state WHERE acw_until IS NOT NULL AND acw_until <= ?`)
      .pluck()
      .all(now) as number[];
  }

  groupByNumber(number: string): GroupForHunt | null {
    const group = this.db
      .prepare(
        `SELECT g.id, g.company_id AS companyId, g.number, ifnull(g.ring_timeout_sec, c.ring_timeout_sec) AS ringTimeoutSec
         FROM call_groups g JOIN companies c ON c.id = g.company_id WHERE g.number = ?`,
      )
      .get(number) as Omit<GroupForHunt, 'members'> | undefined;
    if (!group) return null;
    const rows = this.db
      .prepare(
        `SELECT ${stateColumns} FROM call_group_members m JOIN people p ON p.id = m.person_id
         JOIN agent_state s ON s.person_id = p.id WHERE m.group_id = ?`,
      )
      .all(group.id) as StateRow[];
    const members = rows.map((row) => {
      const person = routingOfRow(row);
      return {
        extension: person.extension,
        status: person.state.status,
        idleSince: person.state.idleSince,
        ringTarget: person.ringTarget,
        awayUser: person.awayUser,
      };
    });
    return { ...group, members };
  }

  companyGroups(companyId: number): GroupPresence[] {
    return this.groupsWhere(`g.company_id = ?`, companyId);
  }

  /**
   * The company's desk phones (话机): the SIP users an administrator set for extensions (set-desk-phone), with
   * whose they are. The transfer picker's "Desk phones" tab dials the SIP user itself.
   */
  companyDeskPhones(companyId: number): DeskPhone[] {
    return this.db
      .prepare(
        `SELECT s.desk_phone AS sipUser, p.extension, p.name FROM agent_state s JOIN people p ON p.id = s.person_id
         WHERE p.company_id = ? AND s.desk_phone IS NOT NULL ORDER BY p.extension`,
      )
      .all(companyId) as DeskPhone[];
  }

  /** The groups this person answers for (their availability changes these groups' counts). */
  groupsOfPerson(personId: number): GroupPresence[] {
    return this.groupsWhere(`g.id IN (SELECT group_id FROM call_group_members WHERE person_id = ?)`, personId);
  }

  private groupsWhere(where: string, value: number): GroupPresence[] {
    const rows = this.db
      .prepare(
        `SELECT g.number, g.name, ifnull(g.ring_timeout_sec, c.ring_timeout_sec) AS ringTimeoutSec,
                (SELECT json_group_array(extension) FROM (SELECT p.extension FROM call_group_members m
                   JOIN people p ON p.id = m.person_id WHERE m.group_id = g.id ORDER BY p.extension)) AS members,
                (SELECT count(*) FROM call_group_members m JOIN agent_state s ON s.person_id = m.person_id
                   WHERE m.group_id = g.id AND s.status = 'available') AS available
         FROM call_groups g JOIN companies c ON c.id = g.company_id WHERE ${where} ORDER BY g.number`,
      )
      .all(value) as { number: string; name: string; ringTimeoutSec: number; members: string; available: number }[];
    return rows.map((row) => ({ ...row, members: JSON.parse(row.members) as string[] }));
  }
}
