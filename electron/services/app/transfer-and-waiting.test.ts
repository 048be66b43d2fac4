/** The core's transfer and call-waiting verbs: what it asks the engine to do, and what it refuses. */
import { describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../../../src/shared/domain.ts';
import { createTestCore } from './test-doubles.ts';

const account = { server: 'ws://127.0.0.1:5066', user: '1001', password: 'secret', displayName: 'Alice' };
const talking = (id: string, extra: Partial<CallSnapshot> = {}): CallSnapshot => ({
  id,
  direction: 'incoming',
  phase: 'connected',
  remoteNumber: '1002',
  startedAt: 1000,
  answeredAt: 2000,
  ...extra,
});

async function signedIn() {
  let next = 0;
  const test = createTestCore({ newId: () => `new-${++next}` });
  const ui = test.ui;
  const engine = test.engine;
  await ui('signIn', account);
  await engine('registration', { status: 'registered' });
  // What the core asked after signing in (register and the audio device choice come first).
  const signInCommands = test.commands.length;
  const sent = () => test.commands.slice(signInCommands).map(({ command, payload }) => ({ command, payload }));
  return { test, ui, engine, sent };
}

describe('transfers', () => {
  it('blind transfer goes to the engine for a connected call, never for a ringing one', async () => {
    const { ui, engine, sent } = await signedIn();
    await engine('call', { ...talking('a'), phase: 'ringing' });
    expect(await ui('transfer', { callId: 'a', target: '8002' })).toMatchObject({
      ok: false,
      error: { code: 'failed' },
    });
    await engine('call', talking('a'));
    expect(await ui('transfer', { callId: 'a', target: '8002' })).toEqual({ ok: true, value: undefined });
    expect(sent()).toEqual([{ command: 'transfer', payload: { callId: 'a', target: '8002' } }]);
    await engine('call', talking('a', { transfer: { kind: 'blind', target: '8002', status: 'trying' } }));
    expect(await ui('transfer', { callId: 'a', target: '8003' })).toMatchObject({ ok: false });
    expect(await ui('transfer', { callId: 'a', target: '<b>' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
  });

  it('attended transfer: consult holds the caller and dials the target; complete refers; cancel resumes', async () => {
    const { ui, engine, sent } = await signedIn();
    await engine('call', talking('a'));
    expect(await ui('consult', { callId: 'a', target: '8002' })).toEqual({ ok: true, value: { callId: 'new-1' } });
    expect(sent()).toEqual([
      { command: 'hold', payload: { callId: 'a', held: true, listening: false } },
      { command: 'dial', payload: { callId: 'new-1', target: '8002', consultFor: 'a' } },
    ]);
    await engine('call', talking('a', { held: true }));
    const consult = talking('new-1', {
      direction: 'outgoing',
      remoteNumber: '8002',
      consultFor: 'a',
      phase: 'ringing',
    });
    await engine('call', consult);
    expect(await ui('completeTransfer', { callId: 'new-1' })).toMatchObject({ ok: false });
    await engine('call', { ...consult, phase: 'connected' });
    expect(await ui('completeTransfer', { callId: 'new-1' })).toEqual({ ok: true, value: undefined });
    expect(sent().at(-1)).toEqual({ command: 'completeTransfer', payload: { callId: 'a', consultCallId: 'new-1' } });
    expect(await ui('cancelConsult', { callId: 'new-1' })).toEqual({ ok: true, value: undefined });
    expect(sent().slice(-2)).toEqual([
      { command: 'hangup', payload: { callId: 'new-1' } },
      { command: 'hold', payload: { callId: 'a', held: false } },
    ]);
  });
});

describe('two calls', () => {
  it('answering a waiting call holds the call we talk on; decline leaves it alone', async () => {
    const { ui, engine, sent } = await signedIn();
    await engine('call', talking('a'));
    const waiting = { ...talking('b'), phase: 'incoming', answeredAt: undefined, waiting: true } as const;
    await engine('call', waiting);
    expect(await ui('answer', { callId: 'b' })).toEqual({ ok: true, value: undefined });
    expect(sent()).toEqual([
      { command: 'hold', payload: { callId: 'a', held: true, listening: false } },
      { command: 'answer', payload: { callId: 'b' } },
    ]);
    await engine('call', { ...talking('c'), phase: 'incoming', answeredAt: undefined });
    await ui('decline', { callId: 'c' });
    expect(sent().at(-1)).toEqual({ command: 'decline', payload: { callId: 'c' } });
  });

  it('switching holds the other call and resumes the chosen one; an outgoing second call holds the first', async () => {
    const { ui, engine, sent } = await signedIn();
    await engine('call', talking('a', { held: true }));
    await engine('call', talking('b'));
    expect(await ui('switchCall', { callId: 'a' })).toEqual({ ok: true, value: undefined });
    expect(sent()).toEqual([
      { command: 'hold', payload: { callId: 'b', held: true, listening: false } },
      { command: 'hold', payload: { callId: 'a', held: false } },
    ]);
    await engine('call', talking('a'));
    await engine('call', talking('b', { held: true }));
    await ui('dial', { target: '1003' });
    expect(sent().slice(-2)).toEqual([
      { command: 'hold', payload: { callId: 'a', held: true, listening: false } },
      { command: 'dial', payload: { callId: 'new-1', target: '1003' } },
    ]);
    await engine('call', { ...talking('a'), phase: 'ended', endedAt: 5000, outcome: 'answered' });
    expect(await ui('switchCall', { callId: 'a' })).toMatchObject({ ok: false });
  });
});
