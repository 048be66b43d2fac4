import { describe, expect, it } from 'vitest';
import { DirectoryStore } from '../directory/directory-store.ts';
import { createTestCore } from './test-doubles.ts';

const sip = { username: '8001', password: 'p', domain: '127.0.0.1', wsUrl: 'ws://127.0.0.1:5066', displayName: 'Wang' };
const page = {
  version: 3,
  next: 3,
  more: false,
  departments: [{ id: 1, parentId: null, name: '销售部 Sales', sortOrder: 0, version: 1 }],
  people: [
    {
      id: 7,
      departmentId: 1,
      name: '张三',
      extension: '8010',
      mobile: '+8613512345678',
      email: null,
      callPermission: 'internal',
      hasAvatar: false,
      version: 2,
    },
  ],
  deleted: [],
};

function setUp() {
  let online = true;
  const asked: string[] = [];
  const fetch = (async (url: string | URL | Request) => {
    asked.push(new URL(String(url)).pathname);
    if (String(url).includes('/v1/directory')) {
      if (!online) throw new TypeError('fetch failed');
      return Response.json(page);
    }
    if (String(url).endsWith('/v1/sign-out')) return new Response(null, { status: 204 });
    return Response.json({ device: { id: 'd1', token: 'device-token-0123456789abcdef' }, sip });
  }) as typeof globalThis.fetch;
  const directory = DirectoryStore.open(':memory:');
  const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch, directory });
  return { ...test, directory, asked, offline: () => (online = false) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('the directory in the core', () => {
  it('syncs once the number sign-in registers; searchPeople gives colleagues to call', async () => {
    const test = setUp();
    await test.core.numberSignIn.verify('13800138000', 1, '1234');
    expect(test.core.directory.status().state).toBe('empty');
    await test.core.session.onRegistration({ status: 'registered' });
    await settle();
    expect(test.asked).toContain('/v1/directory');
    expect(test.core.directory.status()).toMatchObject({ state: 'ready', people: 1, version: 3 });
    expect(test.core.directory.searchPeople('zs')).toEqual([
      { id: 7, name: '张三', extension: '8010', department: '销售部 Sales', mobile: '+8613512345678' },
    ]);
    expect(test.broadcasts.some((b) => b.event === 'directoryChanged')).toBe(true);
    const router = test.ui;
    expect(await router('searchDirectory', { query: '8010' })).toMatchObject({
      ok: true,
      value: [{ person: { name: '张三' }, match: { field: 'extension', via: 'extension' } }],
    });
    expect(await router('searchDirectory', { query: 'x'.repeat(101) })).toMatchObject({ ok: false });
  });

  it('a colleague dialled by extension or mobile is named on the call (and so in the history); others are not', async () => {
    const test = setUp();
    await test.core.numberSignIn.verify('13800138000', 1, '1234');
    await test.core.session.onRegistration({ status: 'registered' });
    await settle();
    const dialled = async (target: string) => {
      await test.ui('dial', { target });
      return test.commands.filter((c) => c.command === 'dial').at(-1)?.payload as { remoteName?: string };
    };
    expect((await dialled('8010')).remoteName).toBe('张三');
    expect((await dialled('13512345678')).remoteName).toBe('张三');
    expect((await dialled('+8613512345678')).remoteName).toBe('张三');
    expect((await dialled('801')).remoteName).toBeUndefined();
    expect((await dialled('13900000000')).remoteName).toBeUndefined();
  });

  it('offline, the last directory is still searched; Log out forgets it', async () => {
    const test = setUp();
    await test.core.numberSignIn.verify('13800138000', 1, '1234');
    await test.core.session.onRegistration({ status: 'registered' });
    await settle();
    test.offline();
    await test.core.session.onRegistration({ status: 'error', error: 'server-unreachable' });
    await test.core.session.onRegistration({ status: 'registered' });
    // The sync tries the unreachable service three times before it gives up.
    for (let waited = 0; test.core.directory.status().state === 'syncing' && waited < 3000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(test.core.directory.status()).toMatchObject({ state: 'ready', error: 'offline', people: 1 });
    expect(test.core.directory.search('zhangsan')).toHaveLength(1);
    await test.core.session.signOut();
    expect(test.directory.count()).toBe(0);
    expect(test.core.directory.status().state).toBe('no-device');
  });

  it('a SIP-account sign-in has no directory', async () => {
    const test = setUp();
    await test.core.session.signIn({ server: 'ws://127.0.0.1:5066', user: '1001', password: 'x' });
    await test.core.session.onRegistration({ status: 'registered' });
    await settle();
    expect(test.core.directory.status().state).toBe('no-device');
    expect(test.asked).not.toContain('/v1/directory');
    expect(test.core.directory.searchPeople('zs')).toEqual([]);
  });
});
