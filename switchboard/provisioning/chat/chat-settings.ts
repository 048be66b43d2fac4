import type { ProvisioningDb } from '../db.ts';

/** A company's online service rules (docs/chat.md, "Company settings"); absent row = these defaults. */
export type ChatSettings = {
  maxOpenPerAgent: number;
  /** manual: the offer rings with a countdown (接待); auto: the chat opens at once (自动接待). */
  acceptMode: 'manual' | 'auto';
  offerTimeoutSec: number;
  /** The chat ends by itself this long after the agent's last message if the visitor stays silent. */
  visitorTimeoutSec: number;
  timeoutMessage: string;
  /** Visitors waiting per chat group beyond which a new visitor is told to come back later. */
  queueLimit: number;
  chatsDuringCalls: boolean;
};

export const defaultChatSettings: ChatSettings = {
  maxOpenPerAgent: 5,
  acceptMode: 'manual',
  offerTimeoutSec: 30,
  visitorTimeoutSec: 600,
  timeoutMessage: '由于您长时间未回复，本次服务已自动结束，感谢您的支持',
  queueLimit: 50,
  chatsDuringCalls: false,
};

type SettingsRow = {
  max_open_per_agent: number;
  accept_mode: string;
  offer_timeout_sec: number;
  visitor_timeout_sec: number;
  timeout_message: string;
  queue_limit: number;
  chats_during_calls: number;
};

export function chatSettings(db: ProvisioningDb, companyId: number): ChatSettings {
  const row = db.prepare(`SELECT * FROM chat_settings WHERE company_id = ?`).get(companyId) as SettingsRow | undefined;
  if (!row) return defaultChatSettings;
  return {
    maxOpenPerAgent: row.max_open_per_agent,
    acceptMode: row.accept_mode === 'auto' ? 'auto' : 'manual',
    offerTimeoutSec: row.offer_timeout_sec,
    visitorTimeoutSec: row.visitor_timeout_sec,
    timeoutMessage: row.timeout_message,
    queueLimit: row.queue_limit,
    chatsDuringCalls: row.chats_during_calls === 1,
  };
}

const columnOf: Record<keyof ChatSettings, string> = {
  maxOpenPerAgent: 'max_open_per_agent',
  acceptMode: 'accept_mode',
  offerTimeoutSec: 'offer_timeout_sec',
  visitorTimeoutSec: 'visitor_timeout_sec',
  timeoutMessage: 'timeout_message',
  queueLimit: 'queue_limit',
  chatsDuringCalls: 'chats_during_calls',
};

/** Changes the given settings (the table's CHECKs guard the ranges). */
export function setChatSettings(db: ProvisioningDb, companyId: number, change: Partial<ChatSettings>): void {
  const given = (Object.keys(columnOf) as (keyof ChatSettings)[]).filter((key) => change[key] !== undefined);
  db.prepare(`INSERT OR IGNORE INTO chat_settings (company_id) VALUES (?)`).run(companyId);
  if (given.length === 0) return;
  const values = given.map((key) => {
    const value = change[key];
    return typeof value === 'boolean' ? Number(value) : value;
  });
  db.prepare(
    `UPDATE chat_settings SET ${given.map((key) => `${columnOf[key]} = ?`).join(', ')} WHERE company_id = ?`,
  ).run(...values, companyId);
}

/** The per-company key visitors' site identities are signed with (visitor-identity.ts); null: none set. */
export function visitorSigningSecret(db: ProvisioningDb, companyId: number): string | null {
  return (
    (db.prepare(`SELECT visitor_signing_secret FROM chat_settings WHERE company_id = ?`).pluck().get(companyId) as
      string | null | undefined) ?? null
  );
}

export function setVisitorSigningSecret(db: ProvisioningDb, companyId: number, secret: string): void {
  db.prepare(`INSERT OR IGNORE INTO chat_settings (company_id) VALUES (?)`).run(companyId);
  db.prepare(`UPDATE chat_settings SET visitor_signing_secret = ? WHERE company_id = ?`).run(secret, companyId);
}

/** A chat group (在线客服 skill group) staffed by these extensions; returns its id. */
export function addChatGroup(
  db: ProvisioningDb,
  companyId: number,
  group: { name: string; members: readonly string[] },
  now: number,
): number {
  return db.transaction(() => {
    const find = db.prepare(`SELECT id FROM people WHERE company_id = ? AND extension = ?`).pluck();
    const ids = group.members.map((extension) => {
      const id = find.get(companyId, extension) as number | undefined;
      if (id === undefined) throw new Error(`no person with extension ${extension} in this company`);
      return id;
    });
    const groupId = Number(
      db
        .prepare(`INSERT INTO chat_groups (company_id, name, created_at) VALUES (?, ?, ?)`)
        .run(companyId, group.name.trim(), now).lastInsertRowid,
    );
    const insert = db.prepare(`INSERT OR IGNORE INTO chat_group_members (group_id, person_id) VALUES (?, ?)`);
    for (const id of ids) insert.run(groupId, id);
    return groupId;
  })();
}

/** The company's chat groups with their members' extensions (the desk's transfer list). */
export function chatGroups(db: ProvisioningDb, companyId: number): { id: number; name: string }[] {
  return db.prepare(`SELECT id, name FROM chat_groups WHERE company_id = ? ORDER BY id`).all(companyId) as {
    id: number;
    name: string;
  }[];
}

/**
 * A company's customer-context endpoint (customer-context.ts): an http(s) URL, `demo` for the reference
 * switchboard's demo endpoint (demo-context.ts), or null: the company shows its agents no customer context.
 */
export type ContextSetting = string | null;

export const DEMO_CONTEXT = 'demo';

/** Why a context endpoint is refused, or null when it is fine (the table's CHECK says the same). */
export function contextUrlProblem(value: string): string | null {
  if (value === DEMO_CONTEXT) return null;
  if (value.length > 500) return 'the context endpoint is at most 500 characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'the context endpoint is an http(s) URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'the context endpoint is an http(s) URL';
  if (url.username || url.password) return 'the context endpoint carries no user name or password';
  return null;
}

export function contextSetting(db: ProvisioningDb, companyId: number): ContextSetting {
  return (
    (db.prepare(`SELECT context_url FROM chat_settings WHERE company_id = ?`).pluck().get(companyId) as
      string | null | undefined) ?? null
  );
}

export function setContextSetting(db: ProvisioningDb, companyId: number, value: ContextSetting): void {
  const problem = value === null ? null : contextUrlProblem(value);
  if (problem) throw new Error(problem);
  db.prepare(`INSERT OR IGNORE INTO chat_settings (company_id) VALUES (?)`).run(companyId);
  db.prepare(`UPDATE chat_settings SET context_url = ? WHERE company_id = ?`).run(value, companyId);
}
