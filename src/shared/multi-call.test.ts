import { describe, expect, it } from 'vitest';
import { applyCallEvent, newCall } from '../engine/call-state.ts';
import type { CallSnapshot } from './domain.ts';
import { attendedTransferPair, backgroundCalls, callsToHold, foregroundCall, switchPlan } from './multi-call.ts';

const talking = (id: string, extra: Partial<CallSnapshot> = {}): CallSnapshot => ({
  ...newCall({ id, direction: 'outgoing', remoteNumber: id, now: 1 }),
  phase: 'connected',
  answeredAt: 2,
  ...extra,
});

describe('two calls at once', () => {
  it('call waiting: the first call is on screen while the second rings; answering holds the first', () => {
    const first = talking('first');
    const second = newCall({ id: 'second', direction: 'incoming', remoteNumber: '1003', now: 5, waiting: true });
    expect(second).toMatchObject({ phase: 'incoming', waiting: true });
    expect(foregroundCall([first, second])?.id).toBe('first');
    expect(callsToHold([first, second], 'second')).toEqual(['first']);
  });

  it('after answering, the answered call is in front and the held one waits in the strip', () => {
    const first = applyCallEvent(talking('first'), { type: 'hold', originator: 'local', held: true }, 6);
    let second = newCall({ id: 'second', direction: 'incoming', remoteNumber: '1003', now: 5, waiting: true });
    second = applyCallEvent(applyCallEvent(second, { type: 'answering' }, 6), { type: 'confirmed' }, 7);
    expect(foregroundCall([first, second])?.id).toBe('second');
    expect(backgroundCalls([first, second]).map((call) => call.id)).toEqual(['first']);
    expect(first.wasHeld).toBe(true);
  });

  it('switching holds the call we talk on and resumes the other; switching to the current call changes nothing', () => {
    const first = talking('first', { held: true });
    const second = talking('second');
    expect(switchPlan([first, second], 'first')).toEqual({ hold: ['second'], resume: 'first' });
    expect(switchPlan([first, second], 'second')).toEqual({ hold: [], resume: null });
    expect(switchPlan([first, { ...second, phase: 'ringing' }], 'second')).toBeNull();
  });

  it('with both calls held, the newer one is on screen', () => {
    const first = talking('first', { held: true });
    const second = talking('second', { held: true });
    expect(foregroundCall([first, second])?.id).toBe('second');
  });

  it('an outgoing second call holds the first; a call being transferred is left alone', () => {
    const first = talking('first');
    expect(callsToHold([first], null)).toEqual(['first']);
    const transferring = talking('first', { transfer: { kind: 'blind', target: '8002', status: 'trying' } });
    expect(callsToHold([transferring], null)).toEqual([]);
  });

  it('an attended transfer completes only when the consultation and the held call are both up', () => {
    const first = talking('first', { held: true });
    const consult = newCall({
      id: 'consult',
      direction: 'outgoing',
      remoteNumber: '8002',
      now: 5,
      consultFor: 'first',
    });
    expect(attendedTransferPair([first, consult], 'consult')).toBeNull();
    const answered = applyCallEvent(consult, { type: 'confirmed' }, 6);
    expect(attendedTransferPair([first, answered], 'consult')).toEqual({ callId: 'first', consultCallId: 'consult' });
    expect(attendedTransferPair([{ ...first, phase: 'ended' }, answered], 'consult')).toBeNull();
    expect(attendedTransferPair([first, answered], 'first')).toBeNull();
  });
});
