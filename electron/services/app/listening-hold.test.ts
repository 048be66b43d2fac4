/** Which hold main asks the engine for (ADR 0005): the company's setting when it decides one, else the user's. */
import { describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../../../src/shared/domain.ts';
import { DEFAULT_AGENT_POLICY, type ListeningHoldPolicy } from '../../../src/shared/presence.ts';
import { liveAgentView } from '../../../test/support/agent-view.ts';
import { createTestCore } from './test-doubles.ts';

const account = { server: 'ws://127.0.0.1:5066', user: '1001', password: 'secret', displayName: 'Alice' };
const talking: CallSnapshot = {
  id: 'a',
  direction: 'incoming',
  phase: 'connected',
  remoteNumber: '1002',
  startedAt: 1000,
  answeredAt: 2000,
};

async function holdWith(userChoice: boolean, company: ListeningHoldPolicy | null) {
  const test = createTestCore();
  await test.ui('signIn', account);
  await test.engine('registration', { status: 'registered' });
  await test.ui('setAudioSettings', { patch: { listeningHold: userChoice } });
  await test.engine('call', talking);
  // The agent view as the presence service pushes it (after the call: a call event pushes the service's own view).
  if (company) {
    test.core.state.update({ agent: liveAgentView({ policy: { ...DEFAULT_AGENT_POLICY, listeningHold: company } }) });
  }
  const before = test.commands.length;
  expect(await test.ui('hold', { callId: 'a', held: true })).toEqual({ ok: true, value: undefined });
  return test.commands.slice(before).map(({ command, payload }) => ({ command, payload }));
}

describe('hold: company setting over the user choice', () => {
  it('holds the way the user chose when there is no company policy or it leaves the choice to them', async () => {
    expect(await holdWith(true, null)).toEqual([
      { command: 'hold', payload: { callId: 'a', held: true, listening: true } },
    ]);
    expect(await holdWith(false, 'user-choice')).toEqual([
      { command: 'hold', payload: { callId: 'a', held: true, listening: false } },
    ]);
  });

  it("holds the company's way whatever the user chose", async () => {
    expect(await holdWith(false, 'on')).toEqual([
      { command: 'hold', payload: { callId: 'a', held: true, listening: true } },
    ]);
    expect(await holdWith(true, 'off')).toEqual([
      { command: 'hold', payload: { callId: 'a', held: true, listening: false } },
    ]);
  });
});
