/**
 * The sync client against the real provisioning service (its HTTP API, rules and SQLite database,
 * here without Kamailio: directory sync does not touch SIP): first sync, a change, a deletion, a
 * move between departments, an interrupted sync resumed without duplicates, a revoked device.
 */
import { testProvisioningService } from '../../../switchboard/provisioning/test-support/test-service.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProvisioningDb, type ProvisioningDb } from '../../../switchboard/provisioning/db.ts';
import { demoMobile, demoPeople, seedDemoData } from '../../../switchboard/provisioning/demo-data.ts';
import { addPerson, deletePerson, movePerson } from '../../../switchboard/provisioning/directory.ts';
import { close, createProvisioningServer, listen } from '../../../switchboard/provisioning/http.ts';
import type { ProvisioningService } from '../../../switchboard/provisioning/service.ts';
import { ManualClock } from '../../../switchboard/provisioning/test-support/manual-clock.ts';
import { RecordingCodeCaller } from '../../../switchboard/provisioning/test-support/recording-code-caller.ts';
import type { ProvisionedDevice } from '../../../src/shared/domain.ts';
import { DirectoryStore } from './directory-store.ts';
import { DirectorySyncError, fetchAvatar, syncDirectory } from './directory-sync.ts';

describe('directory sync against the provisioning service', () => {
  let dir: string;
  let db: ProvisioningDb;
  let server: Server;
  let service: ProvisioningService;
  let companyId: number;
  let device: ProvisionedDevice;
  let store: DirectoryStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'directory-sync-'));
    db = openProvisioningDb(join(dir, 'provisioning.sqlite'));
    companyId = seedDemoData(db);
    const caller = new RecordingCodeCaller();
    service = testProvisioningService(db, { clock: new ManualClock(Date.now()), caller }).service;
    server = createProvisioningServer({ service });
    const url = await listen(server);
    await service.requestCode({ mobile: demoMobile, companyId, language: 'en' }, '127.0.0.1');
    const signedIn = await service.verify(
      { mobile: demoMobile, companyId, code: caller.lastCode(demoMobile)! },
      '127.0.0.1',
    );
    device = {
      serviceUrl: url,
      deviceId: signedIn.device.id,
      token: signedIn.device.token,
      companyId,
      mobile: demoMobile,
    };
    store = DirectoryStore.open(join(dir, 'directory.sqlite'));
  });
  afterEach(async () => {
    store.close();
    await close(server);
    db.close();
    await rm(dir, { recursive: true, force: true });
  });

  const extensions = () =>
    store
      .listPeople(null, 0, 1000)
      .map((p) => p.extension)
      .sort();
  const serverExtensions = () =>
    db.prepare(`SELECT extension FROM people ORDER BY extension`).pluck().all() as string[];

  it('first sync: every department (nested) and person; searchable by pinyin initials at once', async () => {
    const result = await syncDirectory(store, device);
    expect(extensions()).toEqual(demoPeople.map((p) => p.extension).sort());
    expect(store.departments().find((d) => d.name === '研发部 R&D')).toMatchObject({ directCount: 0, totalCount: 5 });
    expect(store.search('zs')[0]!.person).toMatchObject({
      name: '张三',
      departmentPath: ['销售部 Sales', '华东 East'],
    });
    expect(store.syncState()).toMatchObject({ version: result.version, lastSyncAt: expect.any(Number) });
    // Nothing changed: the next sync fetches one empty page.
    expect(await syncDirectory(store, device)).toMatchObject({ pages: 1, people: 0, deleted: 0 });
  });

  it('then only the changes: a new colleague, a renamed one, a deletion and a move', async () => {
    await syncDirectory(store, device);
    addPerson(db, companyId, {
      name: '钱多多',
      mobile: '+8613912340099',
      extension: '8099',
      department: '财务部 Finance',
    });
    db.prepare(`UPDATE people SET name = '张三丰' WHERE extension = '8010'`).run();
    deletePerson(db, companyId, '8023');
    movePerson(db, companyId, '8003', '研发部 R&D/前端 Frontend');

    const result = await syncDirectory(store, device);
    expect(result).toMatchObject({ people: 3, deleted: 1 });
    expect(store.search('qdd')[0]!.person).toMatchObject({ extension: '8099', departmentPath: ['财务部 Finance'] });
    expect(store.search('zhangsanf')[0]!.person.name).toBe('张三丰');
    expect(store.search('8023')).toEqual([]);
    expect(store.search('8003')[0]!.person.departmentPath).toEqual(['研发部 R&D', '前端 Frontend']);
    expect(store.departments().find((d) => d.name === '技术支持 Support')!.directCount).toBe(0);
    expect(extensions()).toEqual(serverExtensions());
  });

  it('an interrupted sync resumes where it stopped, with no duplicates and nothing missing', async () => {
    const asked: number[] = [];
    let pagesLeft = 3;
    const flaky: typeof fetch = async (input, init) => {
      asked.push(Number(new URL(String(input)).searchParams.get('since')));
      if (pagesLeft-- <= 0) throw new TypeError('fetch failed: network down');
      return fetch(input, init);
    };
    const broken = syncDirectory(store, device, { fetch: flaky, pageSize: 4 });
    await expect(broken).rejects.toBeInstanceOf(DirectorySyncError);
    await expect(broken).rejects.toMatchObject({ reason: 'offline' });
    const applied = store.syncState()!.version;
    expect(store.count()).toBeGreaterThan(0);
    expect(store.count()).toBeLessThan(demoPeople.length);
    expect(store.syncState()!.lastSyncAt).toBeNull();
    // What arrived before the break is searchable offline already.
    const arrived = store.listPeople(null, 0, 1)[0]!;
    expect(store.search(arrived.extension)[0]!.person.id).toBe(arrived.id);

    const resumedAt = asked.length;
    const received: number[] = [];
    const counting: typeof fetch = async (input, init) => {
      asked.push(Number(new URL(String(input)).searchParams.get('since')));
      const response = await fetch(input, init);
      const body = (await response.clone().json()) as { people: { id: number }[] };
      received.push(...body.people.map((p) => p.id));
      return response;
    };
    await syncDirectory(store, device, { fetch: counting, pageSize: 4 });
    // The resumed sync started at the last page applied before the break.
    expect(asked[resumedAt]).toBe(applied);
    expect(new Set(received).size).toBe(received.length);
    expect(received.length + countBefore(applied)).toBe(demoPeople.length);
    expect(extensions()).toEqual(serverExtensions());
  });

  it('a page arriving after Log out is dropped, not stored', async () => {
    const loggingOut: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      store.clear();
      return response;
    };
    await syncDirectory(store, device, { fetch: loggingOut });
    expect(store.count()).toBe(0);
  });

  it('a revoked device gets no more changes; the directory it has stays searchable', async () => {
    await syncDirectory(store, device);
    await service.signOut(device.token, '127.0.0.1');
    await expect(syncDirectory(store, device)).rejects.toMatchObject({ reason: 'signed-out-elsewhere' });
    expect(store.search('8001')[0]!.person.name).toBe('王小明 Wang Xiaoming');
  });

  it('avatars: fetched once, then revalidated by ETag (304) and served from the cache offline', async () => {
    await syncDirectory(store, device);
    const wang = store.search('8001')[0]!.person;
    const statuses: number[] = [];
    const watching: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      statuses.push(response.status);
      return response;
    };
    const first = await fetchAvatar(store, device, wang.id, watching);
    expect(first!.contentType).toBe('image/svg+xml');
    const again = await fetchAvatar(store, device, wang.id, watching);
    expect(statuses).toEqual([200, 304]);
    expect(again!.bytes.equals(first!.bytes)).toBe(true);
    const offline = await fetchAvatar(store, device, wang.id, () => Promise.reject(new TypeError('offline')));
    expect(offline!.bytes.equals(first!.bytes)).toBe(true);
  });

  /** People the store got before the break: those with a version at or below the cursor. */
  function countBefore(version: number): number {
    return db.prepare(`SELECT count(*) FROM people WHERE version <= ?`).pluck().get(version) as number;
  }
});
