/** The call log keeps transfers (to whom, blind or attended) and which call came in as call waiting. */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../../../src/shared/domain.ts';
import { makeTempDir } from '../fs/temp-dir.ts';
import { CallLogStore } from './call-log-store.ts';

const T0 = 1_700_000_000_000;
const connected = (id: string, extra: Partial<CallSnapshot> = {}): CallSnapshot => ({
  id,
  direction: 'incoming',
  phase: 'connected',
  remoteNumber: '1001',
  startedAt: T0,
  answeredAt: T0 + 1000,
  ...extra,
});
const ended = (call: CallSnapshot, extra: Partial<CallSnapshot> = {}): CallSnapshot => ({
  ...call,
  phase: 'ended',
  endedAt: T0 + 61_000,
  outcome: 'answered',
  ...extra,
});

describe('call log: transfers and call waiting', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: CallLogStore;

  beforeEach(() => {
    temp = makeTempDir('call-log-transfers');
    store = CallLogStore.open(join(temp.dir, 'calls.sqlite'), { now: () => T0 });
  });
  afterEach(() => {
    store.close();
    temp.cleanup();
  });

  it('records a blind and an attended transfer with the target, and nothing for one that failed', () => {
    const blind = connected('blind');
    store.recordCallStarted(blind);
    store.recordCallEnded(ended(blind, { transfer: { kind: 'blind', target: '8002', status: 'done' } }));
    const attended = connected('attended', { startedAt: T0 + 1, wasHeld: true });
    store.recordCallStarted(attended);
    store.recordCallEnded(ended(attended, { transfer: { kind: 'attended', target: '1003', status: 'done' } }));
    const failed = connected('failed', { startedAt: T0 + 2 });
    store.recordCallStarted(failed);
    store.recordCallUpdated({ ...failed, transfer: { kind: 'blind', target: '1999', status: 'failed' } });
    store.recordCallEnded(ended(failed));

    const rows = store.list({ limit: 10 });
    expect(
      rows.map(({ id, transferKind, transferTarget, held }) => ({ id, transferKind, transferTarget, held })),
    ).toEqual([
      { id: 'failed', transferKind: undefined, transferTarget: undefined, held: undefined },
      { id: 'attended', transferKind: 'attended', transferTarget: '1003', held: true },
      { id: 'blind', transferKind: 'blind', transferTarget: '8002', held: undefined },
    ]);
  });

  it('marks the call that came in while another was up, and which of the two was held', () => {
    const first = connected('first');
    store.recordCallStarted(first);
    const second = { ...connected('second', { startedAt: T0 + 5 }), phase: 'incoming', waiting: true } as const;
    store.recordCallStarted(second);
    store.recordCallUpdated({ ...first, held: true, wasHeld: true });
    store.recordCallEnded(ended({ ...second, phase: 'connected' }));
    store.recordCallEnded(ended(first, { wasHeld: true }));
    const rows = store.list({ limit: 10 });
    expect(rows.map(({ id, waiting, held }) => ({ id, waiting, held }))).toEqual([
      { id: 'second', waiting: true, held: undefined },
      { id: 'first', waiting: undefined, held: true },
    ]);
  });
});
