import { describe, expect, it } from 'vitest';
import type { TeamAgent, TeamGroup, TeamSnapshot } from './team.ts';
import { applyTeamUpdate, filterAgents, nextSort, sortAgents, summarize } from './team-table.ts';

const now = 1_000_000;
const agent = (extension: string, patch: Partial<TeamAgent> = {}): TeamAgent => ({
  personId: Number(extension),
  extension,
  name: `Agent ${extension}`,
  status: 'available',
  reason: null,
  since: now - 60_000,
  call: null,
  chatsOpen: 0,
  callsToday: 0,
  chatsToday: 0,
  averageHandleMs: null,
  groups: ['call:8200'],
  ...patch,
});
const group = (key: string, patch: Partial<TeamGroup> = {}): TeamGroup => ({
  key,
  kind: 'call',
  name: key,
  number: '8200',
  members: 3,
  available: 1,
  callsWaiting: 0,
  chatsWaiting: 0,
  waitingSince: null,
  ...patch,
});
const snapshot = (agents: TeamAgent[], groups: TeamGroup[] = []): TeamSnapshot => ({
  team: null,
  teams: [],
  agents,
  groups,
  at: now,
});

describe('the team table model', () => {
  it("replaces an agent's row by extension when an update arrives, keeping the others as they were", () => {
    const before = snapshot([agent('8001'), agent('8002')]);
    const after = applyTeamUpdate(before, { kind: 'agent', agent: agent('8002', { status: 'busy' }) })!;
    expect(after.agents.map((a) => a.status)).toEqual(['available', 'busy']);
    expect(after.agents[0]).toBe(before.agents[0]);
    expect(before.agents[1]!.status).toBe('available');
  });

  it('ignores a row for an agent outside the snapshot, and adds a group it did not know', () => {
    const before = snapshot([agent('8001')], [group('call:8200')]);
    expect(applyTeamUpdate(before, { kind: 'agent', agent: agent('9999') })).toBe(before);
    const after = applyTeamUpdate(before, {
      kind: 'group',
      group: group('chat:1', { kind: 'chat', chatsWaiting: 2 }),
    })!;
    expect(after.groups.map((g) => g.key)).toEqual(['call:8200', 'chat:1']);
  });

  it('filters by status and by group together', () => {
    const agents = [
      agent('8001', { status: 'busy', groups: ['call:8200'] }),
      agent('8002', { status: 'busy', groups: ['chat:1'] }),
      agent('8003', { status: 'available', groups: ['call:8200'] }),
    ];
    expect(filterAgents(agents, { status: 'busy', group: 'all' }).map((a) => a.extension)).toEqual(['8001', '8002']);
    expect(filterAgents(agents, { status: 'busy', group: 'call:8200' }).map((a) => a.extension)).toEqual(['8001']);
    expect(filterAgents(agents, { status: 'all', group: 'all' })).toHaveLength(3);
  });

  it('sorts by status with the working first and, within a status, whoever has been in it longest first', () => {
    const agents = [
      agent('8001', { status: 'offline' }),
      agent('8002', { status: 'available', since: now - 1000 }),
      agent('8003', { status: 'on-call' }),
      agent('8004', { status: 'available', since: now - 9000 }),
    ];
    const sorted = sortAgents(agents, { key: 'status', descending: false }, now);
    expect(sorted.map((a) => a.extension)).toEqual(['8003', '8004', '8002', '8001']);
    expect(sortAgents(agents, { key: 'status', descending: true }, now)[0]!.extension).toBe('8001');
  });

  it('sorts by calls today and handling time, ties by extension so equal rows keep their places', () => {
    const agents = [
      agent('8003', { callsToday: 5, averageHandleMs: 90_000 }),
      agent('8001', { callsToday: 5 }),
      agent('8002', { callsToday: 9, averageHandleMs: 30_000 }),
    ];
    expect(sortAgents(agents, { key: 'callsToday', descending: true }, now).map((a) => a.extension)).toEqual([
      '8002',
      '8001',
      '8003',
    ]);
    expect(sortAgents(agents, { key: 'aht', descending: false }, now).map((a) => a.extension)).toEqual([
      '8001',
      '8002',
      '8003',
    ]);
  });

  it('puts the longest call first when sorting by call, agents without one last', () => {
    const agents = [
      agent('8001'),
      agent('8002', { call: { direction: 'incoming', party: '1', answeredAt: now - 5000 } }),
      agent('8003', { call: { direction: 'outgoing', party: '2', answeredAt: now - 50_000 } }),
    ];
    expect(sortAgents(agents, { key: 'call', descending: false }, now).map((a) => a.extension)).toEqual([
      '8003',
      '8002',
      '8001',
    ]);
  });

  it('flips the direction when the same column is clicked again, and starts another column ascending', () => {
    expect(nextSort({ key: 'name', descending: false }, 'name')).toEqual({ key: 'name', descending: true });
    expect(nextSort({ key: 'name', descending: true }, 'callsToday')).toEqual({ key: 'callsToday', descending: false });
  });

  it('sums the shown agents by status and the queues of all groups or of the one filtered to', () => {
    const agents = [agent('8001'), agent('8002', { status: 'on-call' }), agent('8003')];
    const groups = [
      group('call:8200', { callsWaiting: 2, waitingSince: now - 30_000 }),
      group('chat:1', { kind: 'chat', chatsWaiting: 3, waitingSince: now - 90_000 }),
    ];
    expect(summarize(agents, groups, 'all')).toMatchObject({
      agents: 3,
      available: 2,
      callsWaiting: 2,
      chatsWaiting: 3,
      waitingSince: now - 90_000,
    });
    expect(summarize(agents, groups, 'call:8200')).toMatchObject({
      callsWaiting: 2,
      chatsWaiting: 0,
      waitingSince: now - 30_000,
    });
    expect(summarize([], [], 'all')).toMatchObject({ agents: 0, waitingSince: null });
  });

  it('sorts and filters a 1,000-agent team, the busiest first', () => {
    const agents = Array.from({ length: 1000 }, (_, i) =>
      agent(String(10_000 + i), { status: (['available', 'busy', 'on-call'] as const)[i % 3]!, callsToday: i % 17 }),
    );
    const shown = sortAgents(
      filterAgents(agents, { status: 'all', group: 'call:8200' }),
      { key: 'callsToday', descending: true },
      now,
    );
    expect(shown).toHaveLength(1000);
    expect(shown[0]!.callsToday).toBe(16);
  });
});
