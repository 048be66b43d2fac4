/**
 * What a broken or hostile provisioning service can send: every answer that is not a usable
 * account is refused with a clear message, and nothing reaches the engine.
 */
import { describe, expect, it } from 'vitest';
import { createTestCore } from './test-doubles.ts';

const goodSip = {
  username: '8001',
  password: 'device-secret',
  domain: '127.0.0.1',
  wsUrl: 'ws://127.0.0.1:5066',
  displayName: 'Wang Xiaoming',
};

function serviceAnswering(status: number, body: unknown, raw = false) {
  return (async () =>
    new Response(raw ? String(body) : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    })) as unknown as typeof fetch;
}

describe('bad payloads from the provisioning API', () => {
  const verify = async (fakeFetch: typeof fetch) => {
    const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch: fakeFetch });
    const result = await test.core.numberSignIn.verify('138 0013 8000', 1, '1234');
    return { result, registered: test.commands.some((c) => c.command === 'register') };
  };

  it.each([
    ['a javascript: URL as the server', { ...goodSip, wsUrl: 'javascript:alert(1)' }, /unusable SIP account \(server:/],
    ['an https URL as the server', { ...goodSip, wsUrl: 'https://sip.example.com' }, /server/],
    ['a user name with spaces and markup', { ...goodSip, username: '<img src=x> 1' }, /unusable SIP account \(user:/],
    ['an empty password', { ...goodSip, password: '' }, /password/],
    ['a domain with a slash', { ...goodSip, domain: 'evil.example/x' }, /domain/],
  ])('%s: refused, nothing registered', async (_what, sip, message) => {
    const { result, registered } = await verify(serviceAnswering(200, { device: { id: 'd', token: 't' }, sip }));
    expect(result).toMatchObject({ ok: false, code: 'failed' });
    expect((result as { detail?: string }).detail).toMatch(message);
    expect(registered).toBe(false);
  });

  it.each([
    ['fields of the wrong type', { device: { token: 1 }, sip: { ...goodSip, password: 42 } }],
    ['no sip object', { device: { token: 't' } }],
    ['an array', [1, 2, 3]],
    ['null', null],
  ])('%s: "Unexpected answer from the provisioning service"', async (_what, body) => {
    const { result, registered } = await verify(serviceAnswering(200, body));
    expect(result).toEqual({ ok: false, code: 'failed', detail: 'Unexpected answer from the provisioning service' });
    expect(registered).toBe(false);
  });

  it('a body that is not JSON at all', async () => {
    const { result } = await verify(serviceAnswering(200, '<html>oops', true));
    expect(result).toMatchObject({ ok: false, code: 'failed' });
  });

  it('an error with an unknown code and a 10 kB title: "failed", the title cut to 500 characters', async () => {
    const { result } = await verify(serviceAnswering(400, { code: 'rm -rf', title: 'x'.repeat(10_000) }));
    expect(result).toMatchObject({ ok: false, code: 'failed' });
    expect((result as { detail: string }).detail).toHaveLength(500);
  });
});
