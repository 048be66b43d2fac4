import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallDirection, CallOutcome } from '../../../src/shared/domain.ts';
import { makeTempDir } from '../fs/temp-dir.ts';
import { CallLogStore, SEARCH_WINDOW, type CallLogListOptions } from './call-log-store.ts';

const T0 = 1_700_000_000_000;

describe('CallLogStore history queries', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let path: string;
  let store: CallLogStore;

  function call(
    id: string,
    at: number,
    direction: CallDirection,
    outcome: CallOutcome,
    remoteNumber: string,
    remoteName?: string,
  ) {
    store.recordCallEnded({
      id,
      direction,
      phase: 'ended',
      remoteNumber,
      ...(remoteName ? { remoteName } : {}),
      startedAt: T0 + at,
      ...(outcome === 'answered' ? { answeredAt: T0 + at + 1_000 } : {}),
      endedAt: T0 + at + 61_000,
      outcome,
    });
  }
  const ids = (options: Partial<CallLogListOptions> = {}) => store.list({ limit: 50, ...options }).map((e) => e.id);

  beforeEach(() => {
    temp = makeTempDir('call-log-history');
    path = join(temp.dir, 'calls.sqlite');
    store = CallLogStore.open(path);
    call('o1', 1_000, 'outgoing', 'answered', '1002', 'Bob Müller');
    call('i1', 2_000, 'incoming', 'missed', '1002', 'Bob Müller');
    call('i2', 3_000, 'incoming', 'answered', '1001', '爱丽丝');
    call('o2', 4_000, 'outgoing', 'busy', '+49 30 1234');
    call('i3', 5_000, 'incoming', 'missed', '1003', 'Desk phone');
  });

  afterEach(() => {
    store.close();
    temp.cleanup();
  });

  it('filters: all, missed, incoming, outgoing, newest first', () => {
    expect(ids()).toEqual(['i3', 'o2', 'i2', 'i1', 'o1']);
    expect(ids({ filter: 'all' })).toEqual(['i3', 'o2', 'i2', 'i1', 'o1']);
    expect(ids({ filter: 'missed' })).toEqual(['i3', 'i1']);
    expect(ids({ filter: 'incoming' })).toEqual(['i3', 'i2', 'i1']);
    expect(ids({ filter: 'outgoing' })).toEqual(['o2', 'o1']);
  });

  it('searches a substring of the number or the name, case-insensitively, with filters', () => {
    expect(ids({ search: '100' })).toEqual(['i3', 'i2', 'i1', 'o1']);
    expect(ids({ search: 'müller' })).toEqual(['i1', 'o1']);
    expect(ids({ search: 'BOB', filter: 'outgoing' })).toEqual(['o1']);
    expect(ids({ search: '丽' })).toEqual(['i2']);
    expect(ids({ search: '30 12' })).toEqual(['o2']);
    expect(ids({ search: 'desk', filter: 'missed' })).toEqual(['i3']);
    expect(ids({ search: '  ' })).toEqual(ids());
    expect(ids({ search: 'nobody' })).toEqual([]);
  });

  it('treats LIKE and FTS syntax in a search as plain text', () => {
    call('w', 6_000, 'incoming', 'answered', '1_0%', 'a "quoted" name');
    expect(ids({ search: '_0%' })).toEqual(['w']);
    expect(ids({ search: '%' })).toEqual(['w']);
    expect(ids({ search: '"quoted"' })).toEqual(['w']);
    expect(ids({ search: 'NEAR(a b)' })).toEqual([]);
  });

  it("lists one number's history, filtered and paged", () => {
    expect(ids({ number: '1002' })).toEqual(['i1', 'o1']);
    expect(ids({ number: '1002', filter: 'missed' })).toEqual(['i1']);
    const [first] = store.list({ limit: 1, number: '1002' });
    expect(ids({ number: '1002', before: { startedAt: first!.startedAt, id: first!.id } })).toEqual(['o1']);
    expect(store.listForNumber('1001', { limit: 5 }).map((e) => e.id)).toEqual(['i2']);
  });

  describe('with more rows than the search window', () => {
    beforeEach(() => {
      const many = SEARCH_WINDOW + 200;
      for (let i = 0; i < many; i += 1) {
        call(`n${i}`, 10_000 + i * 10, i % 2 ? 'incoming' : 'outgoing', 'answered', `2${String(i).padStart(5, '0')}`);
      }
    });

    it('answers common terms from the newest window and rare ones from the trigram index, pages alike', () => {
      expect(store.list({ limit: 20, search: '2' })).toHaveLength(20);
      expect(store.lastSearchPath).toBe('window');
      // The old calls lie beyond the window: only the index finds them.
      expect(ids({ search: 'Müller' })).toEqual(['i1', 'o1']);
      expect(store.lastSearchPath).toBe('trigram');
      expect(ids({ search: 'ller', filter: 'incoming' })).toEqual(['i1']);
      // Two characters cannot use trigrams: the numbers they match come from call_parties.
      expect(ids({ search: '丽' })).toEqual(['i2']);
      expect(store.lastSearchPath).toBe('parties');
      expect(ids({ search: 'ü', filter: 'outgoing' })).toEqual(['o1']);
      expect(store.lastSearchPath).toBe('parties');
      // A short term matching very many numbers, but too rare in the windows, is scanned.
      for (let i = 0; i < 250; i += 1) call(`u${i}`, -5_000 - i, 'incoming', 'answered', `9_${i}`);
      expect(store.list({ limit: 500, search: '_' })).toHaveLength(250);
      expect(store.lastSearchPath).toBe('scan');

      const seen: string[] = [];
      let page = store.list({ limit: 7, search: '100' });
      while (page.length > 0) {
        seen.push(...page.map((e) => e.id));
        const last = page.at(-1)!;
        page = store.list({ limit: 7, search: '100', before: { startedAt: last.startedAt, id: last.id } });
      }
      const expected = store
        .list({ limit: 500, search: '100' })
        .concat()
        .map((e) => e.id);
      expect(seen.slice(0, expected.length)).toEqual(expected);
      expect(seen).toContain('o1');
      expect(new Set(seen).size).toBe(seen.length);
    });
  });

  it('deletes one entry, clears all, and applies retention to ended calls only', () => {
    expect(store.delete('i2')).toBe(true);
    expect(store.delete('i2')).toBe(false);
    expect(ids({ search: '爱丽丝' })).toEqual([]);
    store.recordCallStarted({ id: 'open', direction: 'incoming', phase: 'incoming', remoteNumber: '9', startedAt: T0 });
    expect(store.deleteStartedBefore(T0 + 4_500)).toBe(3);
    expect(ids()).toEqual(['i3', 'open']);
    expect(store.clear()).toBe(2);
    expect(ids()).toEqual([]);
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM call_parties').pluck().get()).toBe(0);
    db.close();
  });

  it('counts missed calls the user has not looked at, persistently', () => {
    expect(store.countUnseenMissed()).toBe(2);
    store.markMissedSeen(T0 + 5_000);
    expect(store.countUnseenMissed()).toBe(0);
    store.markMissedSeen(T0); // never goes back
    call('i4', 7_000, 'incoming', 'missed', '1002');
    store.close();
    store = CallLogStore.open(path);
    expect(store.countUnseenMissed()).toBe(1);
    expect(store.missedSeenAt()).toBe(T0 + 5_000);
  });

  it('serves every filter and a number from its index without a sort step', () => {
    store.close();
    const db = new Database(path, { readonly: true });
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    try {
      const order = `ORDER BY started_at DESC, id DESC LIMIT 50`;
      const cursor = `(started_at, id) < (1, 'x')`;
      expect(plan(`SELECT * FROM calls WHERE outcome = 'missed' AND ${cursor} ${order}`)).toMatch(
        /SEARCH calls USING INDEX calls_missed_started/,
      );
      expect(plan(`SELECT * FROM calls WHERE direction = 'incoming' AND ${cursor} ${order}`)).toMatch(
        /SEARCH calls USING INDEX calls_direction_started/,
      );
      expect(plan(`SELECT * FROM calls WHERE remote_number = '1' AND direction = 'outgoing' ${order}`)).toMatch(
        /SEARCH calls USING INDEX calls_number_started/,
      );
      for (const sql of [
        `SELECT * FROM calls WHERE outcome = 'missed' ${order}`,
        `SELECT * FROM calls WHERE direction = 'outgoing' ${order}`,
        `SELECT * FROM (SELECT * FROM calls WHERE direction = 'incoming' ${order.replace('50', '4000')}) AS c
         WHERE c.remote_number LIKE '%1%' ORDER BY c.started_at DESC, c.id DESC LIMIT 50`,
      ]) {
        expect(plan(sql)).not.toMatch(/TEMP B-TREE/);
      }
    } finally {
      db.close();
    }
    store = CallLogStore.open(path);
  });
});
