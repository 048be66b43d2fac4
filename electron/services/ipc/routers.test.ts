import { describe, expect, it } from 'vitest';
import { createTestCore, memoryCallLog } from '../app/test-doubles.ts';
import { recordingLogger } from '../log/test-support/recording-logger.ts';
import { createEngineRouter, engineHandlers, GENERIC_FAILURE } from './routers.ts';

const account = { server: 'ws://127.0.0.1:5066', user: '1001', password: 'secret', displayName: 'Alice' };

describe('UI router', () => {
  it('rejects unknown verbs and bad payloads with a message that names the field', async () => {
    const { ui: route } = createTestCore();
    expect(await route('deleteEverything', {})).toEqual({
      ok: false,
      error: { code: 'unknown-verb', message: 'Unknown request "deleteEverything"' },
    });
    const badServer = await route('signIn', { ...account, server: 'http://evil.example' });
    expect(badServer).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(!badServer.ok && badServer.error.message).toMatch(/^server: Server address must look like wss:/);
    const extraField = await route('dial', { target: '1002', nodeIntegration: true });
    expect(extraField).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const script = await route('dial', { target: '<script>alert(1)</script>' });
    expect(!script.ok && script.error.message).toMatch(/not a number or SIP address/);
    expect(await route('listCallLog', { limit: 1e9 })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await route('answer', null)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it('answers a refused action with the service’s reason, and logs the refusal', async () => {
    const test = createTestCore();
    await test.ui('setLanguage', { preference: 'en' });
    expect(await test.ui('hangup', { callId: 'gone' })).toEqual({
      ok: false,
      error: { code: 'failed', message: 'That call has already ended.' },
    });
    expect(test.log).toContainEqual({
      level: 'info',
      message: 'refused',
      fields: { verb: 'hangup', code: 'call-ended', reason: 'That call has already ended.' },
    });
  });

  it('words a refusal in the language the UI shows: Swedish, French, or Chinese by the OS', async () => {
    const test = createTestCore();
    const refusal = async () => {
      const answer = await test.ui('hangup', { callId: 'gone' });
      return !answer.ok && answer.error.message;
    };
    expect(await refusal()).toBe('该通话已结束。');
    await test.ui('setLanguage', { preference: 'sv' });
    expect(await refusal()).toBe('Samtalet har redan avslutats.');
    await test.ui('setLanguage', { preference: 'fr' });
    expect(await refusal()).toBe('Cet appel est déjà terminé.');
  });

  it('dialing before the account is registered is refused with a reason the UI words, and nothing is dialled', async () => {
    const test = createTestCore();
    expect(await test.ui('dial', { target: '1002' })).toEqual({
      ok: true,
      value: { kind: 'refused', reason: 'not-registered' },
    });
    expect(test.commands).toEqual([]);
  });

  it('a handler that throws is logged with its stack and answered with a generic failure; the next request works', async () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const test = createTestCore({
      callLog: {
        ...memoryCallLog([]),
        list: () => {
          throw busy;
        },
      },
    });
    expect(await test.ui('listCallLog', { limit: 10 })).toEqual({
      ok: false,
      error: { code: 'failed', message: GENERIC_FAILURE },
    });
    expect(test.log).toContainEqual({
      level: 'error',
      message: 'handler failed',
      fields: { verb: 'listCallLog', err: busy },
    });
    expect(await test.ui('getState', {})).toMatchObject({
      ok: true,
      value: { registration: { status: 'signed-out' } },
    });
  });

  it('signs in: opens the engine, registers, and saves the account once the server accepts it', async () => {
    const test = createTestCore();
    const route = test.ui;
    expect(await route('signIn', account)).toEqual({ ok: true, value: undefined });
    expect(test.saved()).toBeNull();
    expect(test.engineOpen()).toBe(true);
    expect(test.commands[0]).toEqual({
      command: 'register',
      payload: {
        server: account.server,
        user: '1001',
        domain: '127.0.0.1',
        password: 'secret',
        displayName: 'Alice',
        dtmfMode: 'rfc4733',
      },
    });
    const state = await route('getState', {});
    expect(state).toMatchObject({
      ok: true,
      value: { account: { user: '1001' }, registration: { status: 'connecting' } },
    });
    await test.engine('registration', { status: 'registered' });
    expect(test.saved()).toEqual(account);
  });

  it('does not remember an account the server refused', async () => {
    const test = createTestCore();
    await test.ui('signIn', { ...account, password: 'typo' });
    await test.engine('registration', { status: 'error', error: 'auth-failed', detail: '401' });
    expect(test.saved()).toBeNull();
  });
});

describe('in-call verbs', () => {
  async function signedIn() {
    const test = createTestCore();
    const ui = test.ui;
    const engine = test.engine;
    await ui('signIn', { ...account, dtmfMode: 'info' });
    await engine('registration', { status: 'registered' });
    return { test, ui, engine };
  }

  it('dials the number of a dial string and hands what follows to the engine', async () => {
    const { test, ui } = await signedIn();
    expect(test.core.state.get().account?.dtmfMode).toBe('info');
    expect(await ui('dial', { target: '0255795125,,8057' })).toEqual({
      ok: true,
      value: { kind: 'call', callId: 'call-1' },
    });
    expect(test.commands.at(-1)).toEqual({
      command: 'dial',
      payload: { callId: 'call-1', target: '0255795125', postDial: ',,8057' },
    });
    expect(await ui('dial', { target: '1003;80x' })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it('refuses hold and keypad while the call rings, allows them once connected', async () => {
    const { test, ui, engine } = await signedIn();
    const call = { id: 'call-1', direction: 'outgoing', phase: 'ringing', remoteNumber: '1003', startedAt: 1000 };
    await engine('call', call);
    expect(await ui('hold', { callId: 'call-1', held: true })).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(await ui('sendDtmf', { callId: 'call-1', digits: '1' })).toMatchObject({ ok: false });
    expect(await ui('mute', { callId: 'call-1', muted: true })).toEqual({ ok: true, value: undefined });
    await engine('call', { ...call, phase: 'connected', answeredAt: 2000 });
    expect(await ui('hold', { callId: 'call-1', held: true })).toEqual({ ok: true, value: undefined });
    expect(await ui('sendDtmf', { callId: 'call-1', digits: '12#' })).toEqual({ ok: true, value: undefined });
    expect(await ui('sendDtmf', { callId: 'call-1', digits: '1a' })).toMatchObject({ ok: false });
    expect(await ui('sendPendingDigits', { callId: 'call-1' })).toMatchObject({ ok: false });
    expect(test.commands.slice(-3).map((c) => c.command)).toEqual(['mute', 'hold', 'sendDtmf']);
  });
});

describe('engine router', () => {
  it('refuses a malformed call report instead of writing it to the call log', async () => {
    const test = createTestCore();
    const route = test.engine;
    const result = await route('call', { id: '../../etc', direction: 'sideways' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(test.logged).toEqual([]);
  });

  it('logs a call when it starts and completes it when it ends', async () => {
    const test = createTestCore();
    const route = test.engine;
    const started = { id: 'c1', direction: 'incoming', phase: 'incoming', remoteNumber: '1002', startedAt: 1000 };
    expect(await route('call', started)).toEqual({ ok: true, value: undefined });
    await route('call', { ...started, phase: 'ended', endedAt: 5000, outcome: 'missed', endReason: 'Canceled' });
    expect(test.logged.map((entry) => entry.kind)).toEqual(['start', 'end']);
    expect(test.broadcasts.some((b) => b.event === 'callLogChanged')).toBe(true);
  });

  it('a report whose handler throws is logged and answered as failed; the next report is handled', async () => {
    const test = createTestCore();
    const broken = new TypeError('cannot read the device list');
    const log = recordingLogger();
    const route = createEngineRouter(
      {
        ...engineHandlers(test.core, () => {}),
        audio: () => {
          throw broken;
        },
      },
      log,
    );
    expect(
      await route('audio', {
        microphones: [],
        speakers: [],
        systemDefault: { microphone: '', speaker: '' },
        using: { microphone: '', speaker: '', ringer: '' },
        problems: [],
      }),
    ).toEqual({
      ok: false,
      error: { code: 'failed', message: GENERIC_FAILURE },
    });
    expect(log.lines).toEqual([
      { level: 'error', message: 'handler failed', fields: { engineEvent: 'audio', err: broken } },
    ]);
    expect(await route('registration', { status: 'registered' })).toEqual({ ok: true, value: undefined });
  });
});
