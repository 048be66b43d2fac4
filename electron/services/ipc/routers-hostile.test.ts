/**
 * Payloads a compromised or buggy page could send over IPC, beyond routers.test.ts: every one is
 * refused with a clear invalid-payload error naming the field, and the core's state is untouched.
 */
import { describe, expect, it } from 'vitest';
import { createTestCore } from '../app/test-doubles.ts';

describe('hostile IPC payloads', () => {
  it('UI verbs: prototype keys, wrong types, oversized strings and non-objects are refused', async () => {
    const test = createTestCore();
    const route = test.ui;
    const cases: [string, unknown, RegExp][] = [
      ['dial', JSON.parse('{"target":"1002","__proto__":{"admin":true}}'), /./],
      ['dial', { target: 1002 }, /^target:/],
      ['dial', { target: '1'.repeat(10_000) }, /^target:/],
      ['signIn', { server: 'ws://a', user: '1001', password: 'x'.repeat(100_000) }, /^password:/],
      ['signIn', { server: 'ws://a b', user: '1001', password: 'p' }, /^server:/],
      ['signIn', 'ws://127.0.0.1', /./],
      ['mute', { callId: 'c', muted: 'yes' }, /^muted:/],
      ['setLanguage', { language: 'klingon' }, /./],
      ['listCallLog', { limit: -1 }, /^limit:/],
    ];
    for (const [verb, payload, message] of cases) {
      const result = await route(verb, payload);
      expect(result, `${verb} ${JSON.stringify(payload)?.slice(0, 60)}`).toMatchObject({
        ok: false,
        error: { code: 'invalid-payload' },
      });
      expect(!result.ok && result.error.message).toMatch(message);
    }
    expect(({} as { admin?: boolean }).admin).toBeUndefined();
    expect(test.commands).toEqual([]);
    expect(test.core.state.get().account).toBeNull();
  });

  it('engine reports: an unknown status, an oversized detail or a reconnect time in the past of 1970 are refused', async () => {
    const test = createTestCore();
    const route = test.engine;
    const before = test.core.state.get().registration;
    for (const payload of [
      { status: 'hacked' },
      { status: 'error', detail: 'x'.repeat(1000) },
      { status: 'reconnecting', retryAt: -5 },
      { status: 'reconnecting', retryAt: 1.5 },
      { status: 'registered', extra: true },
    ]) {
      expect(await route('registration', payload)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    }
    expect(await route('selfDestruct', {})).toMatchObject({ ok: false, error: { code: 'unknown-verb' } });
    expect(test.core.state.get().registration).toEqual(before);
  });
});
