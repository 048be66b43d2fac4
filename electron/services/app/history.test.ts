import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallLogStore } from '../call-log/call-log-store.ts';
import { directoryExportTarget } from '../call-log/export.ts';
import { makeTempDir } from '../fs/temp-dir.ts';
import { MemoryStore, SettingsService } from '../settings/index.ts';
import { DirectoryStore } from '../directory/directory-store.ts';
import { createAppCore, type AppCore } from './core.ts';
import { routersFor } from './test-doubles.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);

describe('AppCore call history verbs through the UI router', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: CallLogStore;
  let core: AppCore;
  let broadcasts: Array<{ event: string; payload: unknown }>;
  let badges: number[];
  let route: ReturnType<typeof routersFor>['ui'];

  beforeEach(() => {
    temp = makeTempDir('core-history');
    store = CallLogStore.open(join(temp.dir, 'calls.sqlite'));
    broadcasts = [];
    badges = [];
    core = createAppCore({
      engine: { open: async () => {}, close: async () => {}, send: () => {} },
      ui: { broadcast: (event, payload) => broadcasts.push({ event, payload }) },
      callLog: store,
      settings: new SettingsService(new MemoryStore()),
      credentials: { save: () => {}, load: () => null, clear: () => {} },
      directory: DirectoryStore.open(':memory:'),
      systemLocale: () => 'en',
      now: () => NOW,
      endedCallLingerMs: 0,
      exportTarget: directoryExportTarget(join(temp.dir, 'exports')),
      setBadge: (count) => badges.push(count),
    });
    route = routersFor(core).ui;
    const ended = (id: string, ageDays: number, outcome: 'missed' | 'answered', number = '1002') =>
      core.calls.onEngineCall({
        id,
        direction: 'incoming',
        phase: 'ended',
        remoteNumber: number,
        startedAt: NOW - ageDays * DAY,
        endedAt: NOW - ageDays * DAY + 1_000,
        outcome,
      });
    ended('old', 400, 'answered');
    ended('mid', 100, 'missed', '1003');
    ended('new', 1, 'missed');
  });
  afterEach(async () => {
    await core.shutdown();
    store.close();
    temp.cleanup();
  });

  const value = async (verb: string, payload: unknown = {}) => {
    const result = await route(verb, payload);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const ids = async (payload: unknown) => ((await value('listCallLog', payload)) as { id: string }[]).map((e) => e.id);

  it('lists with filter, search and number, validated by the contract', async () => {
    expect(await ids({ limit: 10 })).toEqual(['new', 'mid', 'old']);
    expect(await ids({ limit: 10, filter: 'missed' })).toEqual(['new', 'mid']);
    expect(await ids({ limit: 10, number: '1002' })).toEqual(['new', 'old']);
    expect(await ids({ limit: 10, search: '003' })).toEqual(['mid']);
    expect(await route('listCallLog', { limit: 10, filter: 'weird' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
  });

  it('keeps the missed badge until the user looks, pushing it to the UI and the window badge', async () => {
    expect(await value('getCallHistoryInfo')).toEqual({ missedUnseen: 2, retention: 'forever' });
    expect(badges.at(-1)).toBe(2);
    await value('markMissedSeen');
    expect(await value('getCallHistoryInfo')).toEqual({ missedUnseen: 0, retention: 'forever' });
    expect(broadcasts.at(-1)).toEqual({ event: 'callHistoryInfo', payload: { missedUnseen: 0, retention: 'forever' } });
    expect(badges.at(-1)).toBe(0);
  });

  it('deletes one entry and clears all, telling the UI to reload', async () => {
    broadcasts.length = 0;
    await value('deleteCallLogEntry', { id: 'mid' });
    expect(broadcasts.map((b) => b.event)).toContain('callLogChanged');
    expect(await ids({ limit: 10 })).toEqual(['new', 'old']);
    expect(await value('clearCallLog')).toEqual({ deleted: 2 });
    expect(await ids({ limit: 10 })).toEqual([]);
  });

  it('applies the retention setting at once and keeps it', async () => {
    expect(await value('setHistoryRetention', { retention: '1y' })).toEqual({ deleted: 1 });
    expect(await value('setHistoryRetention', { retention: '90d' })).toEqual({ deleted: 1 });
    expect(await ids({ limit: 10 })).toEqual(['new']);
    expect(await value('getCallHistoryInfo')).toMatchObject({ retention: '90d' });
    expect(await route('setHistoryRetention', { retention: '2d' })).toMatchObject({ ok: false });
  });

  it('exports the view to the target and refuses an unknown time zone', async () => {
    expect(
      await value('exportCallLog', { view: { filter: 'missed' }, format: 'csv', timeZone: 'Europe/Berlin' }),
    ).toMatchObject({ saved: true, rows: 2 });
    expect(await route('exportCallLog', { view: {}, format: 'csv', timeZone: 'Mars/Olympus' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
  });
});
