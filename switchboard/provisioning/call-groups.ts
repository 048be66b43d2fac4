import type { AgentPolicy, WrapUpCode } from './agent-status.ts';
import type { ProvisioningDb } from './db.ts';

export class CallGroupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallGroupError';
  }
}

const ringTimeoutRange = 'the ring timeout is 1–600 seconds';
const validRingTimeout = (sec: number) => Number.isInteger(sec) && sec >= 1 && sec <= 600;

export type NewCallGroup = { number: string; name: string; members: string[]; ringTimeoutSec?: number | null };

function personIds(db: ProvisioningDb, companyId: number, extensions: readonly string[]): number[] {
  const find = db.prepare(`SELECT id FROM people WHERE company_id = ? AND extension = ?`).pluck();
  const missing: string[] = [];
  const ids = extensions.map((extension) => {
    const id = find.get(companyId, extension) as number | undefined;
    if (id === undefined) missing.push(extension);
    return id ?? 0;
  });
  if (missing.length > 0) throw new CallGroupError(`no person with extension ${missing.join(', ')} in this company`);
  return ids;
}

/** A group (hotline, department) number whose calls ring its available members; returns its id. */
export function addCallGroup(db: ProvisioningDb, companyId: number, group: NewCallGroup, now = Date.now()): number {
  if (!/^\d{2,8}$/.test(group.number)) throw new CallGroupError('the group number is 2–8 digits');
  if (group.name.trim().length === 0) throw new CallGroupError('the group needs a name');
  if (group.ringTimeoutSec != null && !validRingTimeout(group.ringTimeoutSec)) {
    throw new CallGroupError(ringTimeoutRange);
  }
  return db.transaction(() => {
    if (db.prepare(`SELECT 1 FROM people WHERE extension = ?`).get(group.number)) {
      throw new CallGroupError(`${group.number} is already a person's extension`);
    }
    if (db.prepare(`SELECT 1 FROM call_groups WHERE number = ?`).get(group.number)) {
      throw new CallGroupError(`${group.number} is already a group number`);
    }
    const ids = personIds(db, companyId, group.members);
    const groupId = Number(
      db
        .prepare(
          `INSERT INTO call_groups (company_id, number, name, ring_timeout_sec, created_at) VALUES (?, ?, ?, ?, ?)`,
        )
        .run(companyId, group.number, group.name.trim(), group.ringTimeoutSec ?? null, now).lastInsertRowid,
    );
    insertMembers(db, groupId, ids);
    return groupId;
  })();
}

/** Replaces a group's members; false when the company has no such group. */
export function setCallGroupMembers(
  db: ProvisioningDb,
  companyId: number,
  number: string,
  members: readonly string[],
): boolean {
  return db.transaction(() => {
    const groupId = db
      .prepare(`SELECT id FROM call_groups WHERE company_id = ? AND number = ?`)
      .pluck()
      .get(companyId, number) as number | undefined;
    if (groupId === undefined) return false;
    const ids = personIds(db, companyId, members);
    db.prepare(`DELETE FROM call_group_members WHERE group_id = ?`).run(groupId);
    insertMembers(db, groupId, ids);
    return true;
  })();
}

function insertMembers(db: ProvisioningDb, groupId: number, personIdList: number[]): void {
  const insert = db.prepare(`INSERT OR IGNORE INTO call_group_members (group_id, person_id) VALUES (?, ?)`);
  for (const personId of personIdList) insert.run(groupId, personId);
}

/** Changes the given parts of a company's agent policy; false when there is no such company. */
export function setAgentPolicy(db: ProvisioningDb, companyId: number, change: Partial<AgentPolicy>): boolean {
  if (
    change.afterCallWorkSec !== undefined &&
    !(Number.isInteger(change.afterCallWorkSec) && change.afterCallWorkSec >= 0 && change.afterCallWorkSec <= 3600)
  ) {
    throw new CallGroupError('after-call work is 0–3600 seconds');
  }
  if (change.ringTimeoutSec !== undefined && !validRingTimeout(change.ringTimeoutSec)) {
    throw new CallGroupError(ringTimeoutRange);
  }
  if (change.breakReasons !== undefined) {
    const bad = change.breakReasons.find((r) => r.trim().length === 0 || r.length > 100);
    if (bad !== undefined || change.breakReasons.length === 0) {
      throw new CallGroupError('break reasons are 1–100 characters each, at least one');
    }
  }
  if (change.wrapUpCodes !== undefined) checkWrapUpCodes(change.wrapUpCodes);
  const columns: [string, string | number | undefined][] = [
    ['after_call_work_sec', change.afterCallWorkSec],
    ['ring_timeout_sec', change.ringTimeoutSec],
    ['break_reasons', change.breakReasons && JSON.stringify(change.breakReasons.map((r) => r.trim()))],
    ['auto_answer', change.autoAnswer],
    ['wrap_up_codes', change.wrapUpCodes && JSON.stringify(change.wrapUpCodes)],
    ['wrap_up_required', change.wrapUpRequired === undefined ? undefined : Number(change.wrapUpRequired)],
    ['listening_hold', change.listeningHold],
  ];
  const given = columns.filter(([, value]) => value !== undefined);
  const sets = given.map(([column]) => `${column} = ?`);
  const values = given.map(([, value]) => value);
  if (!db.prepare(`SELECT 1 FROM companies WHERE id = ?`).get(companyId)) return false;
  if (sets.length > 0) db.prepare(`UPDATE companies SET ${sets.join(', ')} WHERE id = ?`).run(...values, companyId);
  return true;
}

/** A short list (the app shows it as a picker): unique codes of letters, digits, - and _, labels of 1–64 characters. */
function checkWrapUpCodes(codes: WrapUpCode[]): void {
  if (codes.length > 50) throw new CallGroupError('at most 50 wrap-up codes');
  const seen = new Set<string>();
  for (const { code, label } of codes) {
    if (!/^[\p{L}\p{N}_-]{1,32}$/u.test(code)) {
      throw new CallGroupError(`wrap-up code "${code}": 1–32 letters, digits, - or _`);
    }
    if (label.trim().length === 0 || label.length > 64)
      throw new CallGroupError(`wrap-up label for "${code}": 1–64 characters`);
    if (seen.has(code)) throw new CallGroupError(`wrap-up code "${code}" appears twice`);
    seen.add(code);
  }
}
