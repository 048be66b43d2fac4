import type { ProvisioningDb } from '../db.ts';

/** A supervisor as the team view needs them: their account and the teams they lead. */
export type Supervisor = { personId: number; companyId: number; accountId: number; teams: string[] };

/** One agent of a team: who they are (their status, calls and chats come from elsewhere). */
export type TeamMember = { personId: number; extension: string; name: string };

/** An agent's chats: open now, ended since the day began, and the handling time of those. */
export type ChatCounts = { open: number; endedToday: number; handleMsToday: number };

export type ChatGroupRow = {
  id: number;
  name: string;
  members: string[];
  available: number;
  waiting: number;
  oldestQueuedAt: number | null;
};

const EMPTY_CHATS: ChatCounts = { open: 0, endedToday: 0, handleMsToday: 0 };

/** The team view's reads of accounts, teams and chats (all by index; a 1,000-agent team is one query each). */
export class TeamStore {
  private readonly db: ProvisioningDb;

  constructor(db: ProvisioningDb) {
    this.db = db;
  }

  /** The person's account when its role includes supervising, else null. */
  supervisor(personId: number): Supervisor | null {
    const row = this.db
      .prepare(
        `SELECT a.id AS accountId, a.company_id AS companyId FROM accounts a
         WHERE a.person_id = ? AND a.role IN ('supervisor', 'both')`,
      )
      .get(personId) as { accountId: number; companyId: number } | undefined;
    if (!row) return null;
    const teams = this.db
      .prepare(
        `SELECT t.name FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.account_id = ? ORDER BY t.name`,
      )
      .pluck()
      .all(row.accountId) as string[];
    return { personId, ...row, teams };
  }

  /**
   * The agents a supervisor sees: the agent accounts of their teams (or of `team`, one of them). A
   * supervisor who leads no team sees every agent account of the company, so a small company needs no teams.
   */
  members(supervisor: Supervisor, team: string | null): TeamMember[] {
    const agentOf = `a.role IN ('agent', 'both') AND a.id <> @self`;
    const sql =
      supervisor.teams.length === 0
        ? `SELECT p.id AS personId, p.extension, p.name FROM accounts a JOIN people p ON p.id = a.person_id
           WHERE a.company_id = @company AND ${agentOf} ORDER BY p.extension`
        : `SELECT DISTINCT p.id AS personId, p.extension, p.name FROM team_members m
           JOIN teams t ON t.id = m.team_id JOIN accounts a ON a.id = m.account_id JOIN people p ON p.id = a.person_id
           WHERE t.id IN (SELECT team_id FROM team_members WHERE account_id = @self)
             AND (@team IS NULL OR t.name = @team) AND ${agentOf} ORDER BY p.extension`;
    return this.db
      .prepare(sql)
      .all({ self: supervisor.accountId, company: supervisor.companyId, team }) as TeamMember[];
  }

  personByExtension(companyId: number, extension: string): TeamMember | null {
    const row = this.db
      .prepare(`SELECT id AS personId, extension, name FROM people WHERE company_id = ? AND extension = ?`)
      .get(companyId, extension) as TeamMember | undefined;
    return row ?? null;
  }

  /** Every agent's chat counts in the company, by person id (one grouped read for a whole snapshot). */
  companyChats(companyId: number, dayStart: number): Map<number, ChatCounts> {
    const rows = this.db
      .prepare(
        `SELECT agent_id AS personId, ${chatColumns} FROM conversations
         WHERE company_id = @company AND agent_id IS NOT NULL AND (state = 'open' OR ended_at >= @dayStart)
         GROUP BY agent_id`,
      )
      .all({ company: companyId, dayStart }) as (ChatCounts & { personId: number })[];
    return new Map(rows.map(({ personId, ...counts }) => [personId, counts]));
  }

  chats(personId: number, dayStart: number): ChatCounts {
    const row = this.db
      .prepare(
        `SELECT ${chatColumns} FROM conversations
         WHERE agent_id = @person AND (state = 'open' OR (state = 'ended' AND ended_at >= @dayStart))`,
      )
      .get({ person: personId, dayStart }) as ChatCounts | undefined;
    return row && row.open !== null ? row : EMPTY_CHATS;
  }

  /** The company's chat groups with their members, available members and waiting customers. */
  chatGroups(companyId: number): ChatGroupRow[] {
    const rows = this.db
      .prepare(
        `SELECT g.id, g.name,
           (SELECT json_group_array(extension) FROM (SELECT p.extension FROM chat_group_members m
              JOIN people p ON p.id = m.person_id WHERE m.group_id = g.id ORDER BY p.extension)) AS members,
           (SELECT count(*) FROM chat_group_members m JOIN agent_state s ON s.person_id = m.person_id
              WHERE m.group_id = g.id AND s.status = 'available') AS available,
           (SELECT count(*) FROM conversations c WHERE c.group_id = g.id AND c.state = 'queued') AS waiting,
           (SELECT min(queued_at) FROM conversations c WHERE c.group_id = g.id AND c.state = 'queued') AS oldestQueuedAt
         FROM chat_groups g WHERE g.company_id = ? ORDER BY g.name`,
      )
      .all(companyId) as (Omit<ChatGroupRow, 'members'> & { members: string })[];
    return rows.map((row) => ({ ...row, members: JSON.parse(row.members) as string[] }));
  }

  /** The person's active devices (the supervisor's Offline signs them all out). */
  activeDevices(personId: number): string[] {
    return this.db
      .prepare(`SELECT id FROM devices WHERE person_id = ? AND revoked_at IS NULL`)
      .pluck()
      .all(personId) as string[];
  }
}

const chatColumns = `
  ifnull(sum(state = 'open'), 0) AS open,
  ifnull(sum(state = 'ended' AND ended_at >= @dayStart), 0) AS endedToday,
  ifnull(sum(CASE WHEN state = 'ended' AND ended_at >= @dayStart AND agent_joined_at IS NOT NULL
    THEN ended_at - agent_joined_at ELSE 0 END), 0) AS handleMsToday`;
