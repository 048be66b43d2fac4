import { describe, expect, it } from 'vitest';
import { DirectoryStore } from './directory-store.ts';
import type { FeedPage } from './feed.ts';

let version = 0;
const person = (
  id: number,
  name: string,
  extension: string,
  mobile: string,
  departmentId: number | null = 1,
  email: string | null = null,
) => ({
  id,
  departmentId,
  name,
  extension,
  mobile,
  email,
  callPermission: 'internal' as const,
  hasAvatar: false,
  version: ++version,
});

function page(partial: Partial<FeedPage>): FeedPage {
  return { version: 100, next: 100, more: false, departments: [], people: [], deleted: [], ...partial };
}

function demoStore() {
  const store = DirectoryStore.open(':memory:');
  store.useSource('http://svc', 1);
  store.applyPage(
    page({
      departments: [
        { id: 1, parentId: null, name: '销售部 Sales', sortOrder: 0, version: 1 },
        { id: 2, parentId: 1, name: '华东 East', sortOrder: 0, version: 2 },
        { id: 3, parentId: 2, name: '上海 Shanghai', sortOrder: 0, version: 3 },
      ],
      people: [
        person(1, '张三', '8010', '+8613512345678', 2, 'san.zhang@demo.example'),
        person(2, '张珊珊', '8011', '+8613512340001', 3),
        person(3, '王小明 Wang Xiaoming', '8001', '+8613800138000', 1),
        person(4, 'Anna Schmidt', '801', '+4915112345678', 1, 'anna@demo.example'),
        person(5, 'Zhao Min', '8100', '+8618801234567', null),
      ],
    }),
    1000,
  );
  return store;
}

const names = (store: DirectoryStore, q: string) => store.search(q).map((h) => h.person.name);

describe('directory store and search', () => {
  it('finds 张三 by "zhangsan", "zs", "张", and highlights the characters that matched', () => {
    const store = demoStore();
    expect(names(store, 'zhangsan')).toEqual(['张三']);
    expect(store.search('zs')[0]).toMatchObject({
      person: { name: '张三' },
      match: { field: 'name', start: 0, end: 2, via: 'initials' },
    });
    expect(store.search('zhangs')[0]!.match).toMatchObject({ start: 0, end: 2, via: 'pinyin' });
    expect(names(store, '张')).toEqual(['张三', '张珊珊']);
    expect(names(store, 'zhang')).toEqual(['张三', '张珊珊']);
    expect(store.search('xiaoming')[0]).toMatchObject({ person: { id: 3 }, match: { start: 1, end: 3 } });
  });

  it('ranks an exact extension first, then extension prefixes, then mobile digits', () => {
    const store = demoStore();
    const hits = store.search('801');
    expect(hits.map((h) => [h.person.extension, h.match.via])).toEqual([
      ['801', 'extension'],
      ['8010', 'extension-prefix'],
      ['8011', 'extension-prefix'],
      ['8100', 'mobile'],
    ]);
    // Any run of a mobile's digits, highlighted in the number as shown (+…).
    expect(store.search('0013')[0]).toMatchObject({ person: { id: 3 }, match: { field: 'mobile', start: 6, end: 10 } });
    expect(names(store, '138 0013')).toEqual(['王小明 Wang Xiaoming']);
  });

  it('name prefix before pinyin and later words; e-mail; accents and case do not matter', () => {
    const store = demoStore();
    expect(store.search('zhao')[0]).toMatchObject({ person: { name: 'Zhao Min' }, match: { via: 'name' } });
    expect(store.search('SCHMI')[0]).toMatchObject({
      person: { id: 4 },
      match: { via: 'name-part', start: 5, end: 10 },
    });
    expect(store.search('san.z')[0]).toMatchObject({ person: { id: 1 }, match: { field: 'email' } });
    expect(store.search('nobody')).toEqual([]);
    expect(store.search('  ')).toEqual([]);
  });

  it('a department tree with counts at any depth, and people with their department path', () => {
    const store = demoStore();
    expect(store.departments().map((d) => [d.name, d.directCount, d.totalCount])).toEqual([
      ['华东 East', 1, 2],
      ['上海 Shanghai', 1, 1],
      ['销售部 Sales', 2, 4],
    ]);
    expect(store.person(2)!.departmentPath).toEqual(['销售部 Sales', '华东 East', '上海 Shanghai']);
    expect(store.listPeople(null, 0, 10).map((p) => p.name)).toEqual([
      'Anna Schmidt',
      '王小明 Wang Xiaoming',
      '张三',
      '张珊珊',
      'Zhao Min',
    ]);
    expect(store.listPeople(1, 0, 10).map((p) => p.id)).toEqual([4, 3]);
  });

  it('changes, moves and deletions replace what search finds', () => {
    const store = demoStore();
    store.applyPage(
      page({
        people: [{ ...person(1, '张三丰', '8010', '+8613512345678', 3), version: 50 }],
        deleted: [{ kind: 'person', id: 4, version: 51 }],
        next: 120,
      }),
      2000,
    );
    expect(names(store, 'zsf')).toEqual(['张三丰']);
    expect(store.search('801').map((h) => h.person.extension)).toEqual(['8010', '8011', '8100']);
    expect(store.person(1)!.departmentPath).toHaveLength(3);
    expect(store.count()).toBe(4);
    expect(store.syncState()).toMatchObject({ version: 120, lastSyncAt: 2000 });
    // Another company: nothing of the old one stays.
    store.useSource('http://svc', 2);
    expect(store.count()).toBe(0);
    expect(store.syncState()).toMatchObject({ companyId: 2, version: 0 });
  });
});
