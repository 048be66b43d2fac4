import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { DirectoryStatus } from '../../../src/shared/directory.ts';
import type { ProvisionedDevice } from '../../../src/shared/domain.ts';
import { makeTempDir } from '../fs/temp-dir.ts';
import { DirectoryService } from './directory-service.ts';
import { DirectoryStore } from './directory-store.ts';
import { createDirectoryWriter } from './directory-writer.ts';
import type { FeedPage } from './feed.ts';

const device: ProvisionedDevice = {
  serviceUrl: 'http://directory.test',
  deviceId: 'd1',
  token: 'device-token-0123456789abcdef',
  companyId: 1,
  mobile: '+8613800138000',
};
const SURNAMES = ['王', '李', '赵', '张'];

/** A company of `n` people served `pageSize` at a time, as the provisioning feed does; `failAfter` pages, then offline. */
function feed(n: number, pageSize: number, failAfter = Infinity): typeof fetch {
  let served = 0;
  return (async (input: string | URL | Request) => {
    const since = Number(new URL(String(input)).searchParams.get('since'));
    if (served++ >= failAfter) throw new TypeError('fetch failed: network down');
    const people = [];
    for (let id = since + 1; id <= Math.min(n, since + pageSize); id++) {
      people.push({
        id,
        departmentId: 1 + (id % 2),
        name: `${SURNAMES[id % 4]}${id === 7 ? '三' : '小明'}`,
        extension: String(8000 + id),
        mobile: `+86135${String(10_000_000 + id * 7)}`,
        email: null,
        callPermission: 'internal' as const,
        hasAvatar: false,
        version: id,
      });
    }
    const next = since + people.length;
    const page: FeedPage = {
      version: n,
      next,
      more: next < n,
      departments:
        since === 0
          ? [
              { id: 1, parentId: null, name: '销售部 Sales', sortOrder: 0, version: 1 },
              { id: 2, parentId: 1, name: '华东 East', sortOrder: 0, version: 1 },
            ]
          : [],
      people,
      deleted: [],
    };
    return Response.json(page);
  }) as typeof fetch;
}

describe('the directory sync written by a worker thread (a store in a file)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: DirectoryStore;
  beforeEach(() => {
    temp = makeTempDir('directory-writer');
    store = DirectoryStore.open(join(temp.dir, 'directory.sqlite'));
  });
  afterEach(() => {
    store.close();
    temp.cleanup();
  });

  function service(fetch: typeof globalThis.fetch) {
    const statuses: DirectoryStatus[] = [];
    let changed = 0;
    const directory = new DirectoryService({
      store,
      device: () => device,
      onStatus: (status) => statuses.push(status),
      onChanged: () => changed++,
      fetch,
    });
    return { directory, statuses, changed: () => changed };
  }

  it('a first download arrives whole: people, departments with counts, pinyin and mobile-digit search', async () => {
    const { directory, changed } = service(feed(450, 100));
    await directory.sync();
    expect(directory.status()).toMatchObject({ state: 'ready', people: 450, version: 450 });
    expect(changed()).toBe(1);
    expect(store.departments().sort((a, b) => a.id - b.id)).toEqual([
      { id: 1, parentId: null, name: '销售部 Sales', directCount: 225, totalCount: 450 },
      { id: 2, parentId: 1, name: '华东 East', directCount: 225, totalCount: 225 },
    ]);
    expect(directory.searchPeople('zs')[0]).toMatchObject({ name: '张三', extension: '8007' });
    // Mobile digits come from the index the worker built and handed over.
    expect(directory.search('10000049')[0]!.person).toMatchObject({ extension: '8007' });
    expect(store.listPeople(2, 0, 1)[0]!.departmentPath).toEqual(['销售部 Sales', '华东 East']);
  });

  it('a download broken off is searchable as far as it came, and the next sync completes it', async () => {
    const broken = service(feed(450, 100, 2));
    await broken.directory.sync();
    expect(broken.directory.status()).toMatchObject({ state: 'error', error: 'offline', people: 200 });
    expect(broken.directory.searchPeople('zs')[0]).toMatchObject({ name: '张三' });

    const again = service(feed(450, 100));
    await again.directory.sync();
    expect(again.directory.status()).toMatchObject({ state: 'ready', people: 450 });
    expect(store.listPeople(null, 0, 1000)).toHaveLength(450);
  });

  it('an in-memory store (tests) is written in place', async () => {
    const memory = DirectoryStore.open(':memory:');
    const writer = createDirectoryWriter(memory);
    await writer.useSource(device.serviceUrl, device.companyId);
    expect(memory.mergeStagedOnSearch).toBe(true);
    expect(memory.syncState()).toMatchObject({ serviceUrl: device.serviceUrl, version: 0 });
    memory.close();
  });
});
