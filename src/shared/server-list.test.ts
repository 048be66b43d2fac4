import { describe, expect, it } from 'vitest';
import { SipAccountInputSchema } from './domain.ts';
import { parseServerList, primaryServer } from './server-list.ts';

describe('switchboard address list', () => {
  it('one address is a list of one', () => {
    expect(parseServerList('wss://sip.example.com:443')).toEqual([{ url: 'wss://sip.example.com:443', weight: 1 }]);
  });

  it('without weights the first listed address is preferred', () => {
    expect(parseServerList('ws://127.0.0.1:5066, ws://127.0.0.1:5067/ws')).toEqual([
      { url: 'ws://127.0.0.1:5066', weight: 2 },
      { url: 'ws://127.0.0.1:5067/ws', weight: 1 },
    ]);
  });

  it('written weights are kept; equal weights share the load', () => {
    expect(parseServerList('wss://a.example;weight=2 wss://b.example;weight=2 wss://c.example;weight=1')).toEqual([
      { url: 'wss://a.example', weight: 2 },
      { url: 'wss://b.example', weight: 2 },
      { url: 'wss://c.example', weight: 1 },
    ]);
  });

  it('anything that is not a ws(s) address makes the whole field invalid', () => {
    expect(parseServerList('https://sip.example.com')).toBeNull();
    expect(parseServerList('wss://a.example;weight=x')).toBeNull();
    expect(parseServerList('wss://a.example sip.example.com')).toBeNull();
    expect(parseServerList('  ')).toBeNull();
  });

  it('the first address names the SIP domain and is the one diagnosed', () => {
    expect(primaryServer('wss://a.example:8443 wss://b.example')).toBe('wss://a.example:8443');
    expect(new URL(primaryServer('wss://a.example:8443;weight=1, wss://b.example')).hostname).toBe('a.example');
  });

  it('the sign-in form accepts a list and refuses a broken one with the usual message', () => {
    const account = { user: '1001', password: 'pw' };
    expect(SipAccountInputSchema.safeParse({ ...account, server: 'wss://a.example wss://b.example' }).success).toBe(
      true,
    );
    const broken = SipAccountInputSchema.safeParse({ ...account, server: 'wss://a.example ftp://b' });
    expect(broken.success).toBe(false);
    expect(broken.error?.issues[0]?.message).toMatch(/wss:\/\//);
  });
});
