import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallOutcomeSchema, type CallSnapshot } from '../../../src/shared/domain.ts';
import { makeTempDir } from '../fs/temp-dir.ts';
import { CallLogStore, MAX_LIST_LIMIT } from './call-log-store.ts';

const T0 = 1_700_000_000_000;

function snapshot(overrides: Partial<CallSnapshot> & { id: string }): CallSnapshot {
  return {
    direction: 'outgoing',
    phase: 'dialing',
    remoteNumber: '1002',
    startedAt: T0,
    ...overrides,
  } as CallSnapshot;
}

describe('CallLogStore', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let path: string;
  let clock: number;
  let store: CallLogStore;

  beforeEach(() => {
    temp = makeTempDir('call-log');
    path = join(temp.dir, 'calls.sqlite');
    clock = T0;
    store = CallLogStore.open(path, { now: () => clock });
  });

  afterEach(() => {
    store.close();
    temp.cleanup();
  });

  it('opens in WAL mode', () => {
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('keeps the wrap-up picked after an ended call, replaces it when picked again, and leaves a live call alone', () => {
    store.recordCallEnded(snapshot({ id: 'done', phase: 'ended', answeredAt: T0 + 1000, endedAt: T0 + 5000 }));
    store.recordCallStarted(snapshot({ id: 'live', phase: 'dialing', startedAt: T0 + 1 }));
    expect(store.setWrapUp(['done', 'live'], { missing: true })).toBe(1);
    expect(store.list({ limit: 5 }).find((e) => e.id === 'done')?.wrapUp).toEqual({ missing: true });
    store.setWrapUp(['done'], { code: 'inquiry', label: '咨询 Inquiry', note: 'Opening hours' });
    const entries = store.list({ limit: 5 });
    expect(entries.find((e) => e.id === 'done')?.wrapUp).toEqual({
      code: 'inquiry',
      label: '咨询 Inquiry',
      note: 'Opening hours',
    });
    expect(entries.find((e) => e.id === 'live')?.wrapUp).toBeUndefined();
    expect(() => store.setWrapUp(['done'], { note: 'x'.repeat(501) })).toThrow();
  });

  it('records that a call was held, even if the end report does not say so again', () => {
    store.recordCallStarted(snapshot({ id: 'h', phase: 'dialing' }));
    store.recordCallStarted(snapshot({ id: 'n', phase: 'dialing', startedAt: T0 - 1 }));
    store.recordCallUpdated(
      snapshot({ id: 'h', phase: 'connected', answeredAt: T0 + 1_000, held: true, wasHeld: true }),
    );
    store.recordCallEnded(
      snapshot({ id: 'h', phase: 'ended', answeredAt: T0 + 1_000, endedAt: T0 + 9_000, outcome: 'answered' }),
    );
    store.recordCallEnded(snapshot({ id: 'n', phase: 'ended', endedAt: T0 + 2_000, outcome: 'cancelled' }));
    const [held, notHeld] = store.list({ limit: 10 });
    expect(held).toMatchObject({ id: 'h', held: true });
    expect(notHeld).toMatchObject({ id: 'n' });
    expect(notHeld).not.toHaveProperty('held');
  });

  it("keeps a call's quality summary: the latest during the call, the end report's at the end", () => {
    store.recordCallStarted(snapshot({ id: 'q', phase: 'dialing' }));
    const during = { minMos: 3.2, avgMos: 4.1, lossPercent: 4, jitterMs: 6 };
    store.recordCallUpdated(snapshot({ id: 'q', phase: 'connected', answeredAt: T0 + 1_000, qualitySummary: during }));
    // A crash now would still leave the summary so far in the log.
    expect(store.list({ limit: 1 })[0]).toMatchObject({ id: 'q', quality: during });
    const final = { minMos: 3.0, avgMos: 3.9, lossPercent: 6.5, jitterMs: 7.5 };
    store.recordCallEnded(
      snapshot({ id: 'q', phase: 'ended', answeredAt: T0 + 1_000, endedAt: T0 + 9_000, qualitySummary: final }),
    );
    expect(store.list({ limit: 1 })[0]).toMatchObject({ id: 'q', quality: final });
    // An end report without a summary keeps the one recorded during the call.
    store.recordCallStarted(snapshot({ id: 'r', phase: 'dialing', startedAt: T0 + 10 }));
    store.recordCallUpdated(
      snapshot({ id: 'r', phase: 'connected', startedAt: T0 + 10, answeredAt: T0 + 1_000, qualitySummary: during }),
    );
    store.recordCallEnded(
      snapshot({ id: 'r', phase: 'ended', startedAt: T0 + 10, answeredAt: T0 + 1_000, endedAt: T0 + 5_000 }),
    );
    expect(store.list({ limit: 1 })[0]).toMatchObject({ id: 'r', quality: during });
    store.recordCallEnded(
      snapshot({ id: 'u', phase: 'ended', startedAt: T0 + 20, endedAt: T0 + 30, outcome: 'missed' }),
    );
    expect(store.list({ limit: 1 })[0]).not.toHaveProperty('quality');
  });

  it('records an answered call from start to end with a whole-second duration', () => {
    store.recordCallStarted(snapshot({ id: 'a', phase: 'dialing' }));
    store.recordCallUpdated(snapshot({ id: 'a', phase: 'connected', answeredAt: T0 + 4_000, remoteName: 'Ada' }));
    store.recordCallEnded(
      snapshot({
        id: 'a',
        phase: 'ended',
        answeredAt: T0 + 4_000,
        endedAt: T0 + 65_999,
        outcome: 'answered',
        endReason: 'Bye',
      }),
    );

    expect(store.list({ limit: 10 })).toEqual([
      {
        id: 'a',
        direction: 'outgoing',
        remoteNumber: '1002',
        remoteName: 'Ada',
        startedAt: T0,
        answeredAt: T0 + 4_000,
        endedAt: T0 + 65_999,
        durationSec: 61,
        outcome: 'answered',
        endReason: 'Bye',
      },
    ]);
  });

  it('gives unanswered calls zero duration and keeps their outcome', () => {
    store.recordCallStarted(snapshot({ id: 'm', direction: 'incoming', phase: 'incoming' }));
    store.recordCallEnded(
      snapshot({
        id: 'm',
        direction: 'incoming',
        phase: 'ended',
        endedAt: T0 + 20_000,
        outcome: 'missed',
        endReason: 'Canceled',
      }),
    );
    const [entry] = store.list({ limit: 1 });
    expect(entry).toMatchObject({ id: 'm', outcome: 'missed', durationSec: 0, endedAt: T0 + 20_000 });
    expect(entry).not.toHaveProperty('answeredAt');
  });

  it('infers "answered" for an answered call ended without an outcome, and uses the clock when endedAt is missing', () => {
    store.recordCallStarted(snapshot({ id: 'x' }));
    store.recordCallUpdated(snapshot({ id: 'x', phase: 'connected', answeredAt: T0 + 1_000 }));
    clock = T0 + 11_500;
    store.recordCallEnded(snapshot({ id: 'x', phase: 'ended' }));
    expect(store.list({ limit: 1 })[0]).toMatchObject({ outcome: 'answered', endedAt: T0 + 11_500, durationSec: 10 });
  });

  it('accepts every CallOutcome the domain defines (CHECK constraint in sync)', () => {
    for (const [index, outcome] of CallOutcomeSchema.options.entries()) {
      const id = `o${index}`;
      store.recordCallEnded(snapshot({ id, phase: 'ended', startedAt: T0 + index, endedAt: T0 + 1_000, outcome }));
    }
    expect(
      store
        .list({ limit: 50 })
        .map((e) => e.outcome)
        .sort(),
    ).toEqual([...CallOutcomeSchema.options].sort());
  });

  it('rejects an outcome outside the CHECK constraint even when written behind the API', () => {
    store.recordCallStarted(snapshot({ id: 'c' }));
    store.close();
    const db = new Database(path);
    try {
      expect(() => db.prepare("UPDATE calls SET outcome = 'teleported' WHERE id = 'c'").run()).toThrow(/CHECK/);
    } finally {
      db.close();
    }
    store = CallLogStore.open(path);
  });

  it('does not duplicate or overwrite on a repeated start', () => {
    store.recordCallStarted(snapshot({ id: 'dup', remoteName: 'First' }));
    store.recordCallUpdated(snapshot({ id: 'dup', phase: 'connected', answeredAt: T0 + 2_000 }));
    store.recordCallStarted(snapshot({ id: 'dup', remoteName: 'Second' }));
    const entries = store.list({ limit: 10 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ remoteName: 'First', answeredAt: T0 + 2_000 });
  });

  it('keeps the first end: late updates and duplicate ends do not reopen or rewrite a call', () => {
    store.recordCallStarted(snapshot({ id: 'e' }));
    store.recordCallEnded(snapshot({ id: 'e', phase: 'ended', endedAt: T0 + 5_000, outcome: 'busy' }));
    store.recordCallUpdated(snapshot({ id: 'e', phase: 'connected', answeredAt: T0 + 6_000 }));
    store.recordCallEnded(snapshot({ id: 'e', phase: 'ended', endedAt: T0 + 9_000, outcome: 'failed' }));
    expect(store.list({ limit: 1 })[0]).toMatchObject({ outcome: 'busy', endedAt: T0 + 5_000 });
    expect(store.list({ limit: 1 })[0]).not.toHaveProperty('answeredAt');
  });

  it('logs a call whose start was never recorded', () => {
    store.recordCallUpdated(snapshot({ id: 'late', phase: 'connected', answeredAt: T0 + 1_000 }));
    store.recordCallEnded(snapshot({ id: 'lone', phase: 'ended', endedAt: T0 + 1_000, outcome: 'failed' }));
    expect(
      store
        .list({ limit: 10 })
        .map((e) => e.id)
        .sort(),
    ).toEqual(['late', 'lone']);
  });

  it('rejects snapshots that fail the domain schema', () => {
    expect(() => store.recordCallStarted(snapshot({ id: 'bad id!' }))).toThrow(/Invalid call id/);
  });

  it('pages newest first by (startedAt, id) without gaps or repeats, including equal start times', () => {
    const ids: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      // Pairs share a start time so the id tiebreak is exercised.
      const id = `p${String(i).padStart(2, '0')}`;
      ids.push(id);
      store.recordCallStarted(snapshot({ id, startedAt: T0 + Math.floor(i / 2) * 1_000 }));
    }
    const seen: string[] = [];
    let page = store.list({ limit: 5 });
    while (page.length > 0) {
      seen.push(...page.map((e) => e.id));
      const last = page.at(-1)!;
      page = store.list({ limit: 5, before: { startedAt: last.startedAt, id: last.id } });
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it('clamps the page size', () => {
    store.recordCallStarted(snapshot({ id: 'one' }));
    expect(store.list({ limit: 0 })).toHaveLength(1);
    expect(() => store.list({ limit: 10_000 })).not.toThrow();
    expect(MAX_LIST_LIMIT).toBeGreaterThan(0);
  });

  it('answers list queries from the index, without a sort step', () => {
    store.close();
    const db = new Database(path, { readonly: true });
    try {
      const plan = (sql: string) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
      for (const sql of [
        'SELECT * FROM calls ORDER BY started_at DESC, id DESC LIMIT 50',
        "SELECT * FROM calls WHERE (started_at, id) < (1, 'x') ORDER BY started_at DESC, id DESC LIMIT 50",
      ]) {
        const detail = plan(sql);
        expect(detail).toMatch(/USING INDEX calls_started_at_id/);
        expect(detail).not.toMatch(/TEMP B-TREE/);
      }
      expect(
        plan("SELECT * FROM calls WHERE (started_at, id) < (1, 'x') ORDER BY started_at DESC, id DESC LIMIT 50"),
      ).toMatch(/SEARCH/);
    } finally {
      db.close();
    }
    store = CallLogStore.open(path);
  });

  describe('heartbeat and recoverInterrupted', () => {
    it('ends open calls at their last heartbeat, marks them interrupted and leaves ended calls alone', () => {
      store.recordCallStarted(snapshot({ id: 'talking' }));
      store.recordCallUpdated(snapshot({ id: 'talking', phase: 'connected', answeredAt: T0 + 3_000 }));
      store.recordCallStarted(
        snapshot({ id: 'ringing', direction: 'incoming', phase: 'incoming', startedAt: T0 + 1_000 }),
      );
      store.recordCallStarted(snapshot({ id: 'done', startedAt: T0 + 2_000 }));
      store.recordCallEnded(
        snapshot({ id: 'done', phase: 'ended', startedAt: T0 + 2_000, endedAt: T0 + 4_000, outcome: 'cancelled' }),
      );

      store.heartbeat(['talking', 'ringing', 'done'], T0 + 30_000);
      store.heartbeat(['talking'], T0 + 45_400);

      expect(store.recoverInterrupted(T0 + 600_000)).toBe(2);
      const byId = new Map(store.list({ limit: 10 }).map((e) => [e.id, e]));
      expect(byId.get('talking')).toMatchObject({ outcome: 'interrupted', endedAt: T0 + 45_400, durationSec: 42 });
      expect(byId.get('ringing')).toMatchObject({ outcome: 'interrupted', endedAt: T0 + 30_000, durationSec: 0 });
      expect(byId.get('done')).toMatchObject({ outcome: 'cancelled', endedAt: T0 + 4_000 });
      expect(store.recoverInterrupted(T0 + 700_000)).toBe(0);
    });

    it('never goes back in time: a heartbeat older than the last one is ignored', () => {
      store.recordCallStarted(snapshot({ id: 'h' }));
      store.heartbeat(['h'], T0 + 9_000);
      store.heartbeat(['h'], T0 + 5_000);
      store.recoverInterrupted(T0 + 60_000);
      expect(store.list({ limit: 1 })[0]?.endedAt).toBe(T0 + 9_000);
    });

    it('keeps the recovered end time within [answer or start, now] when clocks jump', () => {
      store.recordCallStarted(snapshot({ id: 'future' }));
      store.heartbeat(['future'], T0 + 999_000_000);
      store.recordCallStarted(snapshot({ id: 'past', startedAt: T0 + 10_000 }));
      store.recordCallUpdated(
        snapshot({ id: 'past', phase: 'connected', startedAt: T0 + 10_000, answeredAt: T0 + 12_000 }),
      );
      store.recoverInterrupted(T0 + 5_000);
      const byId = new Map(store.list({ limit: 10 }).map((e) => [e.id, e]));
      expect(byId.get('future')).toMatchObject({ endedAt: T0 + 5_000 });
      expect(byId.get('past')).toMatchObject({ endedAt: T0 + 12_000, durationSec: 0 });
    });

    it('falls back to the answer time when a call never got a heartbeat', () => {
      store.close();
      // Simulate a row from a build that had no heartbeats.
      const db = new Database(path);
      db.prepare(
        `INSERT INTO calls (id, direction, phase, remote_number, started_at, answered_at)
         VALUES ('old', 'incoming', 'connected', '1003', ?, ?)`,
      ).run(T0, T0 + 7_000);
      db.close();
      store = CallLogStore.open(path);
      expect(store.recoverInterrupted(T0 + 100_000)).toBe(1);
      expect(store.list({ limit: 1 })[0]).toMatchObject({
        endedAt: T0 + 7_000,
        durationSec: 0,
        outcome: 'interrupted',
      });
    });
  });

  it('persists across close and reopen', () => {
    store.recordCallStarted(snapshot({ id: 'keep' }));
    store.close();
    store = CallLogStore.open(path);
    expect(store.list({ limit: 1 })[0]?.id).toBe('keep');
  });
});
