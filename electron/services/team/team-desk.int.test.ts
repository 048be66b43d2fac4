/**
 * The app's team view against the real provisioning service (its team and presence routes, rules and
 * SQLite; no Kamailio): a supervisor's TeamDeskService follows an agent's status and the call the agent's
 * own app reports, and its Offline signs the agent out.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallSnapshot, ProvisionedDevice } from '../../../src/shared/domain.ts';
import type { TeamUpdate } from '../../../src/shared/team.ts';
import { teamFixture, type TeamFixture } from '../../../switchboard/provisioning/test-support/team-fixture.ts';
import { AgentService } from '../presence/agent-service.ts';
import { TeamDeskService } from './team-desk-service.ts';

let f: TeamFixture;
const stops: Array<() => void> = [];
beforeEach(async () => {
  f = await teamFixture();
});
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  await f.stop();
});

const device = (token: string, email?: string): ProvisionedDevice => ({
  serviceUrl: f.url,
  deviceId: token.slice(0, 8),
  token,
  companyId: f.companyId,
  mobile: '',
  ...(email ? { email } : {}),
});

/** A supervisor's app: its team service, and every update it pushed to the window. */
async function supervisorApp(role = 'supervisor') {
  const token = await f.signIn('8010');
  const updates: TeamUpdate[] = [];
  let supervising = false;
  const desk = new TeamDeskService({
    device: () => device(token, 'p8010@example.com'),
    roleOf: () => role,
    onSupervising: (value) => (supervising = value),
    onUpdate: (update) => updates.push(update),
    retryMs: 50,
  });
  desk.start();
  stops.push(() => desk.forget());
  const rowOf = (extension: string) => desk.view().snapshot?.agents.find((a) => a.extension === extension);
  return { desk, updates, rowOf, supervising: () => supervising };
}

const until = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe("the supervisor's team view in the app", () => {
  it("shows the team once live and follows an agent's status change", async () => {
    const agentToken = await f.signIn('8001');
    const app = await supervisorApp();
    await until(() => app.rowOf('8001')?.status === 'available', 'the snapshot');
    expect(app.supervising()).toBe(true);
    await f.call('PUT', '/v1/status', agentToken, { status: 'busy' });
    await until(() => app.rowOf('8001')?.status === 'busy', "the agent's Busy");
    expect(app.updates.some((u) => u.kind === 'agent' && u.agent.extension === '8001')).toBe(true);
  });

  it("shows the call the agent's own app reports, and counts it when it ends", async () => {
    const agentToken = await f.signIn('8001');
    const agent = new AgentService({
      device: () => device(agentToken),
      settings: { get: () => undefined, set: () => {} },
      onView: () => {},
      onDelta: () => {},
      retryMs: 50,
    });
    agent.start();
    stops.push(() => void agent.stop({ offline: false }));
    const app = await supervisorApp();
    await until(() => app.rowOf('8001') !== undefined, 'the snapshot');
    const connected: CallSnapshot = {
      id: 'call-1',
      direction: 'incoming',
      phase: 'connected',
      remoteNumber: '1001',
      remoteName: 'Alice',
      startedAt: Date.now() - 5000,
      answeredAt: Date.now() - 4000,
    };
    agent.callsChanged([connected]);
    await until(() => app.rowOf('8001')?.call?.party === 'Alice 1001', 'the call');
    expect(app.rowOf('8001')?.call?.direction).toBe('incoming');
    agent.callsChanged([{ ...connected, phase: 'ended', endedAt: Date.now() }]);
    await until(() => app.rowOf('8001')?.callsToday === 1, 'the call counted');
    expect(app.rowOf('8001')?.call).toBeNull();
  });

  it("takes an agent Offline: the row says so and the agent's device is signed out", async () => {
    const agentToken = await f.signIn('8001');
    const app = await supervisorApp();
    await until(() => app.rowOf('8001') !== undefined, 'the snapshot');
    await app.desk.setAgentStatus('8001', 'offline', null);
    expect(app.rowOf('8001')?.status).toBe('offline');
    expect((await f.call('GET', '/v1/device', agentToken)).body).toMatchObject({
      active: false,
      revokedReason: 'admin',
    });
  });

  it('opens no team view for an agent sign-in, and says so for an action', async () => {
    const app = await supervisorApp('agent');
    expect(app.supervising()).toBe(false);
    await expect(app.desk.setAgentStatus('8001', 'busy', null)).rejects.toMatchObject({ code: 'not-supervisor' });
  });
});
