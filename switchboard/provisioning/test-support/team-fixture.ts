/**
 * TEST SUPPORT: the presence fixture (demo company, hotline 8200 = 8001, 8002, 8003) with the team view
 * behind the real provisioning HTTP server. Accounts are written straight into the table (the password is
 * not what these tests are about): 8010 supervises team "Hotline" (8001, 8002), 8020 is an agent of it too,
 * 8003 is an agent of another team.
 */
import type { Server } from 'node:http';
import { close, createProvisioningServer, listen } from '../http.ts';
import { teamRoutes } from '../team/team-http.ts';
import { TeamService } from '../team/team-service.ts';
import { presenceFixture, type PresenceFixture } from './presence-fixture.ts';

export type TeamFixture = PresenceFixture & {
  team: TeamService;
  url: string;
  call(method: string, path: string, bearer?: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
};

export function addAccount(
  f: Pick<PresenceFixture, 'db' | 'companyId'>,
  extension: string,
  role: string,
  teams: string[],
): void {
  const { db, companyId } = f;
  const personId = db.prepare(`SELECT id FROM people WHERE extension = ?`).pluck().get(extension) as number;
  const accountId = db
    .prepare(
      `INSERT INTO accounts (company_id, person_id, email, role, password_hash, password_salt, password_params,
         must_change, created_at, password_changed_at, changed_at)
       VALUES (?, ?, ?, ?, x'00', x'00', '{"N":16,"r":1,"p":1,"keylen":16}', 0, 0, 0, 0) RETURNING id`,
    )
    .pluck()
    .get(companyId, personId, `p${extension}@example.com`, role) as number;
  for (const name of teams) {
    db.prepare(`INSERT INTO teams (company_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING`).run(companyId, name);
    const teamId = db.prepare(`SELECT id FROM teams WHERE company_id = ? AND name = ?`).pluck().get(companyId, name);
    db.prepare(`INSERT INTO team_members (team_id, account_id) VALUES (?, ?)`).run(teamId, accountId);
  }
}

export async function teamFixture(): Promise<TeamFixture> {
  const f = presenceFixture();
  addAccount(f, '8010', 'supervisor', ['Hotline']);
  addAccount(f, '8001', 'agent', ['Hotline']);
  addAccount(f, '8002', 'both', ['Hotline']);
  addAccount(f, '8003', 'agent', ['Back office']);
  const team = new TeamService({ db: f.db, clock: f.clock, devices: f.service, presence: f.presence });
  const server: Server = createProvisioningServer({
    service: f.service,
    routes: { ...f.routes(), ...teamRoutes({ team, pingIntervalMs: 60_000 }) },
  });
  const url = await listen(server);
  return {
    ...f,
    team,
    url,
    async call(method, path, bearer, body) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
    async stop() {
      team.stop();
      await close(server);
      f.close();
    },
  };
}
