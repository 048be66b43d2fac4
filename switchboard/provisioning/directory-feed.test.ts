import { testProvisioningService } from './test-support/test-service.ts';
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProvisioningDb, type ProvisioningDb } from './db.ts';
import { demoMobile, demoPeople, seedDemoData } from './demo-data.ts';
import { setAvatar, type DirectoryPage } from './directory-feed.ts';
import { addPerson, createCompany, deletePerson, movePerson } from './directory.ts';
import { close, createProvisioningServer, listen } from './http.ts';
import type { ProvisioningService } from './service.ts';
import { RecordingCodeCaller } from './test-support/recording-code-caller.ts';

describe('directory feed over HTTP', () => {
  let db: ProvisioningDb;
  let server: Server;
  let url: string;
  let service: ProvisioningService;
  let companyId: number;
  let token: string;

  beforeEach(async () => {
    db = openProvisioningDb(':memory:');
    const caller = new RecordingCodeCaller();
    companyId = seedDemoData(db);
    service = testProvisioningService(db, { caller }).service;
    server = createProvisioningServer({ service });
    url = await listen(server);
    await service.requestCode({ mobile: demoMobile, companyId, language: 'en' }, '127.0.0.1');
    const signedIn = await service.verify(
      { mobile: demoMobile, companyId, code: caller.lastCode(demoMobile)! },
      '127.0.0.1',
    );
    token = signedIn.device.token;
  });
  afterEach(async () => {
    await close(server);
    db.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(url + path, { headers: { authorization: `Bearer ${token}`, ...headers } });
  const page = async (since: number, limit = 1000) =>
    (await (await get(`/v1/directory?since=${since}&limit=${limit}`)).json()) as DirectoryPage;

  it('a first sync gets the whole company: nested departments and every person', async () => {
    const first = await page(0);
    expect(first.more).toBe(false);
    expect(first.next).toBe(first.version);
    expect(first.people.map((p) => p.extension).sort()).toEqual(demoPeople.map((p) => p.extension).sort());
    const byId = new Map(first.departments.map((d) => [d.id, d]));
    const database = first.departments.find((d) => d.name === '数据库 Database')!;
    const path = [database.name];
    for (let d = database; d.parentId !== null; d = byId.get(d.parentId)!) path.unshift(byId.get(d.parentId)!.name);
    expect(path).toEqual(['研发部 R&D', '后端 Backend', '数据库 Database']);
    expect(first.deleted).toEqual([]);
    // Nothing changed: an incremental sync is empty.
    expect(await page(first.next)).toMatchObject({ people: [], departments: [], deleted: [], more: false });
  });

  it('then only what changed: an added person, a move, a deletion (tombstone)', async () => {
    const start = (await page(0)).next;
    addPerson(db, companyId, {
      name: '新人 New',
      mobile: '+8613300000001',
      extension: '8090',
      department: '行政 Admin',
    });
    movePerson(db, companyId, '8010', '技术支持 Support/一线 Tier 1');
    deletePerson(db, companyId, '8023');
    const changes = await page(start);
    expect(changes.people.map((p) => p.extension)).toEqual(['8090', '8010']);
    const tier1 = (await page(0)).departments.find((d) => d.name === '一线 Tier 1')!;
    expect(changes.people[1]!.departmentId).toBe(tier1.id);
    expect(changes.deleted).toEqual([{ kind: 'person', id: expect.any(Number), version: changes.version }]);
  });

  it("another company's changes do not move this company's version: nothing to watch", async () => {
    const before = await page(0);
    const other = createCompany(db, 'Rival Co');
    addPerson(db, other, { name: 'Rival', mobile: '+8613300000009', extension: '9101', department: 'Sales' });
    addPerson(db, other, { name: 'Rival 2', mobile: '+8613300000010', extension: '9102', department: 'Sales/East' });
    movePerson(db, other, '9101', 'Sales/East');
    deletePerson(db, other, '9102');
    const after = await page(before.next);
    expect(after).toEqual({ ...before, next: before.version, people: [], departments: [], deleted: [] });
    // One change of its own moves it by exactly one.
    addPerson(db, companyId, { name: '新人 New', mobile: '+8613300000001', extension: '8090' });
    expect((await page(before.next)).version).toBe(before.version + 1);
  });

  it('pages resume from the last applied version without repeats or gaps', async () => {
    const seen: number[] = [];
    let since = 0;
    let pages = 0;
    for (;;) {
      const next = await page(since, 3);
      seen.push(...next.departments.map((d) => d.version), ...next.people.map((p) => p.version));
      since = next.next;
      pages++;
      if (!next.more) break;
    }
    expect(pages).toBeGreaterThan(5);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await page(0)).departments.length + demoPeople.length);
  });

  it('avatars: drawn or uploaded, with an ETag that answers 304', async () => {
    const wangId = (await page(0)).people.find((p) => p.extension === '8001')!.id;
    const drawn = await get(`/v1/directory/avatars/${wangId}`);
    expect(drawn.status).toBe(200);
    expect(drawn.headers.get('content-type')).toBe('image/svg+xml');
    expect(drawn.headers.get('cache-control')).toBe('private, max-age=86400');
    expect(await drawn.text()).toContain('王');
    const etag = drawn.headers.get('etag')!;
    expect((await get(`/v1/directory/avatars/${wangId}`, { 'if-none-match': etag })).status).toBe(304);

    const since = (await page(0)).next;
    setAvatar(db, wangId, 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    // The person is stamped, so clients see the avatar changed.
    expect((await page(since)).people).toMatchObject([{ id: wangId, hasAvatar: true }]);
    const uploaded = await get(`/v1/directory/avatars/${wangId}`, { 'if-none-match': etag });
    expect(uploaded.status).toBe(200);
    expect(uploaded.headers.get('content-type')).toBe('image/png');
    expect((await get('/v1/directory/avatars/999999')).status).toBe(404);
  });

  it('needs a signed-in device: no token, a wrong one or a signed-out one get 401 device-unknown', async () => {
    expect((await fetch(`${url}/v1/directory`)).status).toBe(401);
    expect((await get('/v1/directory', { authorization: `Bearer ${'x'.repeat(32)}` })).status).toBe(401);
    expect((await get('/v1/directory?since=-1')).status).toBe(400);
    await service.signOut(token, '127.0.0.1');
    const refused = await get('/v1/directory');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'device-unknown' });
  });
});
