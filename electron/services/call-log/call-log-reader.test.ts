import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../fs/temp-dir.ts';
import { CallLogReader } from './call-log-reader.ts';
import { CallLogStore } from './call-log-store.ts';

const T0 = Date.UTC(2026, 0, 5, 9);

describe('the history read on a worker thread', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: CallLogStore;
  let reader: CallLogReader;
  beforeEach(() => {
    temp = makeTempDir('call-log-reader');
    const path = join(temp.dir, 'calls.sqlite');
    store = CallLogStore.open(path);
    reader = new CallLogReader(path);
    store.recordCallsEnded(
      Array.from({ length: 120 }, (_, i) => ({
        id: `c${i}`,
        direction: i % 2 ? ('incoming' as const) : ('outgoing' as const),
        phase: 'ended' as const,
        remoteNumber: i % 3 ? `+4930${1000 + i}` : '1003',
        ...(i % 4 ? { remoteName: i % 5 ? 'Bob Müller' : 'Ada Kim' } : {}),
        startedAt: T0 + i * 60_000,
        endedAt: T0 + i * 60_000 + 5_000,
        outcome: i % 7 ? ('answered' as const) : ('missed' as const),
        ...(i % 7 ? { answeredAt: T0 + i * 60_000 + 1_000 } : {}),
      })),
    );
  });
  afterEach(async () => {
    await reader.close();
    store.close();
    temp.cleanup();
  });

  it('answers every view as the store does: filters, searches, a number, the next page', async () => {
    const first = store.list({ limit: 50 });
    const views = [
      { limit: 50 },
      { limit: 20, filter: 'missed' as const },
      { limit: 50, search: 'müller' },
      { limit: 50, search: 'Ada', filter: 'incoming' as const },
      { limit: 50, number: '1003' },
      { limit: 50, before: { startedAt: first.at(-1)!.startedAt, id: first.at(-1)!.id } },
    ];
    for (const view of views) expect(await reader.list(view)).toEqual(store.list(view));
  });

  it('a call written on main is in the next page read', async () => {
    expect(await reader.list({ limit: 1 })).toMatchObject([{ id: 'c119' }]);
    store.recordCallEnded({
      id: 'new',
      direction: 'incoming',
      phase: 'ended',
      remoteNumber: '1009',
      startedAt: T0 + 10_000_000,
      endedAt: T0 + 10_005_000,
      outcome: 'missed',
    });
    expect(await reader.list({ limit: 1 })).toMatchObject([{ id: 'new', outcome: 'missed' }]);
  });
});
