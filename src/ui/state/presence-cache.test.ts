import { describe, expect, it } from 'vitest';
import type { SwitchboardApi, UiEventPayload } from '../../shared/ipc/contract.ts';
import type { GroupPresence, Presence, PresenceDelta } from '../../shared/presence.ts';
import { PresenceCache } from './presence-cache.ts';

const person = (extension: string, status: Presence['status']): Presence => ({
  extension,
  status,
  reason: null,
  since: 1,
  acwUntil: null,
  idleSince: null,
  ringTarget: 'computer',
});
const hotline: GroupPresence = {
  number: '8100',
  name: 'Hotline',
  members: ['8001', '8002'],
  available: 1,
  ringTimeoutSec: 20,
};

/** Main's side, as far as the cache uses it: lookups by extension, groups, and the delta event. */
function fakeApi(company: Map<string, Presence>) {
  const asked: string[][] = [];
  let listener: ((delta: UiEventPayload<'presence'>) => void) | null = null;
  const api = {
    getPresence: async ({ extensions }: { extensions: string[] }) => {
      asked.push(extensions);
      return { ok: true, value: extensions.flatMap((e) => (company.has(e) ? [company.get(e)!] : [])) };
    },
    listPresenceGroups: async () => ({ ok: true, value: [hotline] }),
    on: (_event: string, fn: (delta: PresenceDelta) => void) => {
      listener = fn;
      return () => {};
    },
  } as unknown as SwitchboardApi;
  return { api, asked, push: (delta: PresenceDelta) => listener?.(delta) };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PresenceCache (the window side)', () => {
  it('asks main once for all rows shown together, and keeps only what is shown', async () => {
    const company = new Map([
      ['8001', person('8001', 'available')],
      ['8002', person('8002', 'busy')],
    ]);
    const { api, asked, push } = fakeApi(company);
    const cache = new PresenceCache(api);
    const releaseA = cache.show('8001');
    cache.show('8002');
    cache.show('9999');
    await settle();
    expect(asked).toEqual([['8001', '8002', '9999']]);
    expect(cache.get('8002')?.status).toBe('busy');
    expect(cache.get('9999')).toBeUndefined();

    releaseA();
    push({ reset: false, people: [person('8001', 'offline'), person('8002', 'break')], groups: [] });
    expect(cache.get('8001')).toBeUndefined();
    expect(cache.get('8002')?.status).toBe('break');
  });

  it('after a reset asks again for everything shown; group counts follow deltas', async () => {
    const company = new Map([['8001', person('8001', 'available')]]);
    const { api, asked, push } = fakeApi(company);
    const cache = new PresenceCache(api);
    let changes = 0;
    cache.subscribe(() => (changes += 1));
    cache.show('8001');
    expect(cache.groups()).toEqual([]);
    await settle();
    expect(cache.groups()).toEqual([hotline]);
    company.set('8001', person('8001', 'on-call'));
    push({ reset: true, people: [], groups: [] });
    await settle();
    expect(asked).toEqual([['8001'], ['8001']]);
    expect(cache.get('8001')?.status).toBe('on-call');
    push({ reset: false, people: [], groups: [{ ...hotline, available: 0 }] });
    expect(cache.groups()[0]?.available).toBe(0);
    expect(changes).toBeGreaterThanOrEqual(3);
  });
});
