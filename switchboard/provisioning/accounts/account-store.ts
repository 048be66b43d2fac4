import { promptLanguages, type PromptLanguage } from '../../prompts.ts';
import type { Clock } from '../clock.ts';
import type { ProvisioningDb } from '../db.ts';
import { ProvisioningError } from '../problems.ts';
import { parseParams, passwordMatches, type PasswordHash } from './password-hash.ts';
import { passwordHistorySize } from './password-rules.ts';

export const roles = ['agent', 'supervisor', 'both'] as const;
export type Role = (typeof roles)[number];
/** An account's mails are written in any language the switchboard speaks. */
export const mailLanguages = promptLanguages;
export type MailLanguage = PromptLanguage;

export type AccountRow = {
  id: number;
  companyId: number;
  companyName: string;
  personId: number;
  email: string;
  role: Role;
  language: MailLanguage;
  mustChange: boolean;
  password: PasswordHash;
};

export type AccountSummary = {
  email: string;
  companyId: number;
  extension: string;
  name: string;
  role: Role;
  teams: string[];
  mustChange: boolean;
  failedSignIns: number;
  activeDevices: number;
};

type RawAccount = {
  id: number;
  company_id: number;
  company_name: string;
  person_id: number;
  email: string;
  role: Role;
  language: MailLanguage;
  must_change: number;
  password_hash: Buffer;
  password_salt: Buffer;
  password_params: string;
};

const selectAccount = `SELECT a.id, a.company_id, c.name AS company_name, a.person_id, a.email, a.role, a.language,
  a.must_change, a.password_hash, a.password_salt, a.password_params
  FROM accounts a JOIN companies c ON c.id = a.company_id`;

function toRow(raw: RawAccount): AccountRow {
  return {
    id: raw.id,
    companyId: raw.company_id,
    companyName: raw.company_name,
    personId: raw.person_id,
    email: raw.email,
    role: raw.role,
    language: raw.language,
    mustChange: raw.must_change === 1,
    password: { hash: raw.password_hash, salt: raw.password_salt, params: parseParams(raw.password_params) },
  };
}

/** The e-mail as typed, trimmed; matching ignores ASCII case (COLLATE NOCASE). */
export function normalizeEmail(email: string): string {
  return email.trim();
}

/** The accounts tables (migration 0010): reads and writes, no policy. */
export class AccountStore {
  private readonly db: ProvisioningDb;
  private readonly clock: Clock;

  constructor(db: ProvisioningDb, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Every account with this e-mail (one per company at most), or only the one in `companyId`. */
  byEmail(email: string, companyId?: number): AccountRow[] {
    const rows = this.db
      .prepare(`${selectAccount} WHERE a.email = ? COLLATE NOCASE AND (? IS NULL OR a.company_id = ?) ORDER BY a.id`)
      .all(normalizeEmail(email), companyId ?? null, companyId ?? null) as RawAccount[];
    return rows.map(toRow);
  }

  byPerson(personId: number): AccountRow | null {
    const raw = this.db.prepare(`${selectAccount} WHERE a.person_id = ?`).get(personId) as RawAccount | undefined;
    return raw ? toRow(raw) : null;
  }

  /** The one account with this e-mail in this company, or `not-found` (admin commands). */
  one(companyId: number, email: string): AccountRow {
    const [account] = this.byEmail(email, companyId);
    if (!account) throw new ProvisioningError('not-found', `No account ${email} in company ${companyId}`);
    return account;
  }

  /** Refuses a new account where the company's cap is reached (832: at most 2 per supplier). */
  checkCap(companyId: number): void {
    const row = this.db
      .prepare(
        `SELECT c.name, c.account_cap AS cap, (SELECT count(*) FROM accounts a WHERE a.company_id = c.id) AS count
         FROM companies c WHERE c.id = ?`,
      )
      .get(companyId) as { name: string; cap: number | null; count: number } | undefined;
    if (!row) throw new ProvisioningError('not-found', `No company ${companyId}`);
    if (row.cap !== null && row.count >= row.cap) {
      throw new ProvisioningError(
        'account-cap-reached',
        `${row.name} may have at most ${row.cap} accounts and has ${row.count}. ` +
          `Remove one or raise the cap (set-account-cap).`,
      );
    }
  }

  setCap(companyId: number, cap: number | null): boolean {
    return this.db.prepare(`UPDATE companies SET account_cap = ? WHERE id = ?`).run(cap, companyId).changes > 0;
  }

  insert(input: {
    companyId: number;
    personId: number;
    email: string;
    role: Role;
    language: MailLanguage;
    teams: string[];
    password: PasswordHash;
  }): number {
    const now = this.clock.now();
    const taken = this.db
      .prepare(`SELECT 1 FROM accounts WHERE company_id = ? AND email = ? COLLATE NOCASE`)
      .get(input.companyId, normalizeEmail(input.email));
    if (taken) throw new ProvisioningError('account-exists', `${input.email} already has an account in this company`);
    if (this.db.prepare(`SELECT 1 FROM accounts WHERE person_id = ?`).get(input.personId)) {
      throw new ProvisioningError('account-exists', 'This person already has an account');
    }
    const { hash, salt, params } = input.password;
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO accounts (company_id, person_id, email, role, language, password_hash, password_salt,
             password_params, must_change, created_at, password_changed_at, changed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
        )
        .run(
          input.companyId,
          input.personId,
          normalizeEmail(input.email),
          input.role,
          input.language,
          hash,
          salt,
          JSON.stringify(params),
          now,
          now,
          now,
        ).lastInsertRowid,
    );
    this.remember(id, input.password, now);
    this.setTeams(id, input.companyId, input.teams);
    return id;
  }

  delete(accountId: number): void {
    this.db.prepare(`DELETE FROM accounts WHERE id = ?`).run(accountId);
  }

  /** The new password, kept in the history too (the last five, the current one included). */
  setPassword(accountId: number, password: PasswordHash, mustChange: boolean): void {
    const now = this.clock.now();
    this.db
      .prepare(
        `UPDATE accounts SET password_hash = ?, password_salt = ?, password_params = ?, must_change = ?,
           password_changed_at = ?, changed_at = ? WHERE id = ?`,
      )
      .run(password.hash, password.salt, JSON.stringify(password.params), mustChange ? 1 : 0, now, now, accountId);
    this.remember(accountId, password, now);
  }

  /** The same password hashed at another cost: history, must-change and times stay as they are. */
  rehash(accountId: number, password: PasswordHash): void {
    this.db
      .prepare(`UPDATE accounts SET password_hash = ?, password_salt = ?, password_params = ? WHERE id = ?`)
      .run(password.hash, password.salt, JSON.stringify(password.params), accountId);
  }

  /** Whether `password` is one of the account's last five (each checked with its own salt and cost). */
  async usedBefore(accountId: number, password: string): Promise<boolean> {
    const rows = this.db
      .prepare(
        `SELECT password_hash AS hash, password_salt AS salt, password_params AS params FROM password_history
         WHERE account_id = ? ORDER BY id DESC LIMIT ?`,
      )
      .all(accountId, passwordHistorySize) as { hash: Buffer; salt: Buffer; params: string }[];
    const matches = await Promise.all(
      rows.map((row) => passwordMatches(password, { hash: row.hash, salt: row.salt, params: parseParams(row.params) })),
    );
    return matches.includes(true);
  }

  recordFailure(accountIds: number[]): void {
    const now = this.clock.now();
    for (const id of accountIds) {
      this.db
        .prepare(`UPDATE accounts SET failed_sign_ins = failed_sign_ins + 1, last_failed_at = ? WHERE id = ?`)
        .run(now, id);
    }
  }

  clearFailures(accountId: number): void {
    this.db.prepare(`UPDATE accounts SET failed_sign_ins = 0 WHERE id = ?`).run(accountId);
  }

  teamsOf(accountId: number): string[] {
    return this.db
      .prepare(
        `SELECT t.name FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.account_id = ? ORDER BY t.name`,
      )
      .pluck()
      .all(accountId) as string[];
  }

  list(companyId?: number): AccountSummary[] {
    const rows = this.db
      .prepare(
        `SELECT a.id, a.email, a.company_id AS companyId, p.extension, p.name, a.role, a.must_change AS mustChange,
                a.failed_sign_ins AS failedSignIns,
                (SELECT count(*) FROM devices d WHERE d.person_id = a.person_id AND d.revoked_at IS NULL) AS activeDevices
         FROM accounts a JOIN people p ON p.id = a.person_id
         WHERE (? IS NULL OR a.company_id = ?) ORDER BY a.company_id, a.email`,
      )
      .all(companyId ?? null, companyId ?? null) as (Omit<AccountSummary, 'teams' | 'mustChange'> & {
      id: number;
      mustChange: number;
    })[];
    return rows.map(({ id, ...row }) => ({ ...row, mustChange: row.mustChange === 1, teams: this.teamsOf(id) }));
  }

  private remember(accountId: number, password: PasswordHash, now: number): void {
    this.db
      .prepare(
        `INSERT INTO password_history (account_id, password_hash, password_salt, password_params, at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(accountId, password.hash, password.salt, JSON.stringify(password.params), now);
    this.db
      .prepare(
        `DELETE FROM password_history WHERE account_id = ? AND id NOT IN
           (SELECT id FROM password_history WHERE account_id = ? ORDER BY id DESC LIMIT ?)`,
      )
      .run(accountId, accountId, passwordHistorySize);
  }

  private setTeams(accountId: number, companyId: number, teams: string[]): void {
    for (const name of teams) {
      this.db.prepare(`INSERT INTO teams (company_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING`).run(companyId, name);
      const teamId = this.db
        .prepare(`SELECT id FROM teams WHERE company_id = ? AND name = ?`)
        .pluck()
        .get(companyId, name) as number;
      this.db.prepare(`INSERT OR IGNORE INTO team_members (team_id, account_id) VALUES (?, ?)`).run(teamId, accountId);
    }
  }
}
