import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventReader } from '../test-support/event-reader.ts';
import { teamFixture, type TeamFixture } from '../test-support/team-fixture.ts';
import { teamRoutes } from './team-http.ts';
import type { TeamGroup } from './team-groups.ts';
import type { TeamAgent, TeamSnapshot } from './team-service.ts';

let f: TeamFixture;
let supervisor: string;
let agent: string;

beforeEach(async () => {
  f = await teamFixture();
  supervisor = await f.signIn('8010');
  agent = await f.signIn('8001');
});
afterEach(() => f.stop());

async function openStream(token: string) {
  const res = await fetch(`${f.url}/v1/team/events`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const events = eventReader(res);
  const first = await events.nextEvent();
  expect(first.event).toBe('snapshot');
  return { events, snapshot: first.data as TeamSnapshot };
}

describe('the team view API', () => {
  it("gives a supervisor their team's agents with status, and the groups the team answers for", async () => {
    const { status, body } = await f.call('GET', '/v1/team', supervisor);
    expect(status).toBe(200);
    const snapshot = body as TeamSnapshot;
    expect(snapshot.teams).toEqual(['Hotline']);
    // 8003 is in another team; the supervisor is not their own agent.
    expect(snapshot.agents.map((a) => [a.extension, a.status])).toEqual([
      ['8001', 'available'],
      ['8002', 'offline'],
    ]);
    expect(snapshot.agents[0]).toMatchObject({ call: null, callsToday: 0, chatsToday: 0, averageHandleMs: null });
    // The person id is what "Message" opens the internal chat with.
    expect(snapshot.agents[0]!.personId).toBe(
      f.db.prepare(`SELECT id FROM people WHERE extension = '8001'`).pluck().get() as number,
    );
    expect(snapshot.groups.find((g) => g.key === 'call:8200')).toMatchObject({
      members: 3,
      available: 1,
      callsWaiting: 0,
    });
  });

  it('refuses agents and people without an account: the snapshot, the stream and every action', async () => {
    const noAccount = await f.signIn('8020');
    for (const token of [agent, noAccount]) {
      for (const [method, path, body] of [
        ['GET', '/v1/team', undefined],
        ['GET', '/v1/team/events', undefined],
        ['PUT', '/v1/team/agents/8002/status', { status: 'offline' }],
        ['GET', '/v1/team/agents/8002/calls', undefined],
      ] as const) {
        const answer = await f.call(method, path, token, body);
        expect(answer.status, `${method} ${path}`).toBe(403);
        expect(answer.body).toMatchObject({ code: 'not-supervisor' });
      }
    }
    expect((await f.call('GET', '/v1/team')).status).toBe(401);
    expect(f.team.streamCount()).toBe(0);
  });

  it("streams an agent's status change and the group's available count to the supervisor", async () => {
    const { events } = await openStream(supervisor);
    expect((await f.call('PUT', '/v1/status', agent, { status: 'busy' })).status).toBe(200);
    const row = await events.nextEvent();
    expect(row.event).toBe('agent');
    expect(row.data).toMatchObject({ extension: '8001', status: 'busy' });
    const group = await events.nextEvent();
    expect(group.event).toBe('group');
    expect(group.data).toMatchObject({ key: 'call:8200', available: 0 });
    await events.cancel();
  });

  it("shows an agent's call while it lasts, then counts it with its handling time and lists it as today's", async () => {
    const { events } = await openStream(supervisor);
    await f.call('PUT', '/v1/my-calls', agent, {
      calls: [{ id: 'c1', direction: 'incoming', party: '+46701234567', talkMs: 2000 }],
    });
    const during = (await events.nextEvent()).data as TeamAgent;
    expect(during.call).toMatchObject({ direction: 'incoming', party: '+46701234567' });
    expect(during.call!.answeredAt).toBe(f.clock.now() - 2000);
    f.clock.advanceSec(58);
    expect((await f.call('PUT', '/v1/my-calls', agent, { calls: [] })).status).toBe(204);
    const after = (await events.nextEvent()).data as TeamAgent;
    expect(after).toMatchObject({ call: null, callsToday: 1, averageHandleMs: 60_000 });
    const history = await f.call('GET', '/v1/team/agents/8001/calls', supervisor);
    expect(history.body).toMatchObject({ calls: [{ id: 'c1', party: '+46701234567', direction: 'incoming' }] });
    await events.cancel();
  });

  it('counts the after-call work that followed a call into its handling time', async () => {
    await f.call('PUT', '/v1/my-calls', agent, {
      calls: [{ id: 'c1', direction: 'outgoing', party: '8002', talkMs: 0 }],
    });
    await f.call('PUT', '/v1/status', agent, { status: 'on-call' });
    f.clock.advanceSec(30);
    await f.call('PUT', '/v1/my-calls', agent, { calls: [] });
    await f.call('PUT', '/v1/status', agent, { status: 'after-call-work' });
    f.clock.advanceSec(10);
    await f.call('PUT', '/v1/status', agent, { status: 'available' });
    const snapshot = (await f.call('GET', '/v1/team', supervisor)).body as TeamSnapshot;
    expect(snapshot.agents[0]).toMatchObject({ extension: '8001', callsToday: 1, averageHandleMs: 40_000 });
  });

  it("takes an agent Offline and ends their sign-in; the agent's device learns it was the administrator", async () => {
    const { events } = await openStream(supervisor);
    const answer = await f.call('PUT', '/v1/team/agents/8001/status', supervisor, { status: 'offline' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ extension: '8001', status: 'offline' });
    expect((await f.call('GET', '/v1/device', agent)).body).toMatchObject({ active: false, revokedReason: 'admin' });
    expect((await f.call('GET', '/v1/presence', agent)).status).toBe(401);
    const row = await events.nextEvent();
    expect(row.data).toMatchObject({ extension: '8001', status: 'offline' });
    await events.cancel();
  });

  it("sets an agent's status with the company's rules, and only for agents of the supervisor's teams", async () => {
    expect((await f.call('PUT', '/v1/team/agents/8001/status', supervisor, { status: 'busy' })).body).toMatchObject({
      status: 'busy',
    });
    const noReason = await f.call('PUT', '/v1/team/agents/8001/status', supervisor, { status: 'break' });
    expect(noReason.status).toBe(400);
    const notOnCall = await f.call('PUT', '/v1/team/agents/8001/status', supervisor, { status: 'on-call' });
    expect(notOnCall.status).toBe(400);
    const otherTeam = await f.call('PUT', '/v1/team/agents/8003/status', supervisor, { status: 'offline' });
    expect(otherTeam.status).toBe(404);
    expect((await f.call('GET', '/v1/team?team=Back%20office', supervisor)).status).toBe(404);
  });

  it('shows a group call being hunted as waiting, with since when, until it is answered', async () => {
    const { events } = await openStream(supervisor);
    const at = f.clock.now();
    // A customer's call (not one of ours) to the hotline rings 8001, the one member available.
    expect(f.presence.route('hunt-1', '46701234567', '8200')).toMatchObject({ kind: 'ring', member: '8001' });
    const waiting = (await events.nextEvent()).data as TeamGroup;
    expect(waiting).toMatchObject({ key: 'call:8200', callsWaiting: 1, waitingSince: at });
    f.presence.routeNext('hunt-1', '8001', 'answered');
    // The hunt ends (nothing waits), then answering puts 8001 on a call: their row and the group's count.
    expect((await events.nextEvent()).data).toMatchObject({ key: 'call:8200', callsWaiting: 0, waitingSince: null });
    expect((await events.nextEvent()).data).toMatchObject({ extension: '8001', status: 'on-call' });
    expect((await events.nextEvent()).data).toMatchObject({ key: 'call:8200', available: 0 });
    await events.cancel();
  });

  it('documents every route and the refusal code in openapi.yaml', async () => {
    const doc = await readFile(new URL('../openapi.yaml', import.meta.url), 'utf8');
    for (const route of Object.keys(teamRoutes({ team: f.team }))) {
      const [method, path] = route.split(' ');
      const start = doc.indexOf(`\n  ${path}:\n`);
      expect(start, route).toBeGreaterThan(0);
      const section = doc.slice(start + 1, doc.indexOf('\n  /', start + 1));
      expect(section, route).toContain(`\n    ${method!.toLowerCase()}:`);
    }
    expect(doc).toContain('- not-supervisor');
  });
});
