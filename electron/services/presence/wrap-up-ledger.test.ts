import { describe, expect, it } from 'vitest';
import type { CallSnapshot, CallWrapUp } from '../../../src/shared/domain.ts';
import { WrapUpLedger } from './wrap-up-ledger.ts';

const answered = (id: string): CallSnapshot => ({
  id,
  direction: 'incoming',
  phase: 'connected',
  remoteNumber: '8001',
  startedAt: 1,
  answeredAt: 2,
});

describe('which calls a wrap-up belongs to', () => {
  it('gives the code and note to every call answered since the last one ended', () => {
    const told: [readonly string[], CallWrapUp][] = [];
    const ledger = new WrapUpLedger((ids, wrapUp) => told.push([ids, wrapUp]));
    ledger.callsSeen([answered('a')]);
    ledger.callsSeen([answered('a'), answered('b')]);
    ledger.stretchEnded(true);
    ledger.record({ code: 'inquiry', label: '咨询 Inquiry' }, 'wants a callback');
    expect(told).toEqual([[['a', 'b'], { code: 'inquiry', label: '咨询 Inquiry', note: 'wants a callback' }]]);
  });

  it('records a required code never picked as missing, with the note, once after-call work is over', () => {
    const told: [readonly string[], CallWrapUp][] = [];
    const ledger = new WrapUpLedger((ids, wrapUp) => told.push([ids, wrapUp]));
    ledger.callsSeen([answered('a')]);
    ledger.stretchEnded(true);
    ledger.record(undefined, 'note only');
    ledger.settle(true, true);
    expect(told).toHaveLength(1);
    ledger.settle(false, true);
    ledger.settle(false, true);
    expect(told.slice(1)).toEqual([[['a'], { missing: true, note: 'note only' }]]);
  });

  it('has no calls to tell when the stretch ended without after-call work', () => {
    const told: unknown[] = [];
    const ledger = new WrapUpLedger((...args) => told.push(args));
    ledger.callsSeen([answered('a')]);
    ledger.stretchEnded(false);
    ledger.record(undefined, 'x');
    ledger.settle(false, true);
    expect(told).toEqual([]);
  });
});
