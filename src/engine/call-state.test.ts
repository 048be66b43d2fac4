import { describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../shared/domain.ts';
import { applyCallEvent, newCall, talkSeconds, type CallEvent } from './call-state.ts';

const T0 = 1_700_000_000_000;

function run(direction: 'incoming' | 'outgoing', events: Array<[CallEvent, number]>) {
  let call = newCall({ id: 'c1', direction, remoteNumber: '1002', now: T0 });
  for (const [event, at] of events) call = applyCallEvent(call, event, T0 + at);
  return call;
}

describe('outgoing call', () => {
  it('goes dialing → ringing → connected → ended(answered) with talk time from the answer', () => {
    const call = run('outgoing', [
      [{ type: 'progress' }, 100],
      [{ type: 'accepted' }, 3_000],
      [{ type: 'confirmed' }, 3_050],
      [{ type: 'ended', originator: 'remote', cause: 'Terminated' }, 45_000],
    ]);
    expect(call).toMatchObject({ phase: 'ended', outcome: 'answered', answeredAt: T0 + 3_000, endedAt: T0 + 45_000 });
    expect(talkSeconds(call, 0)).toBe(42);
  });

  it.each([
    ['local', 'Canceled', 'cancelled'],
    ['remote', 'Busy', 'busy'],
    ['remote', 'Rejected', 'declined'],
    ['remote', 'No Answer', 'no-answer'],
    ['remote', 'Request Timeout', 'no-answer'],
    ['remote', 'Not Found', 'failed'],
    ['system', 'Connection Error', 'failed'],
  ] as const)('failing (%s, %s) before answer is %s', (originator, cause, outcome) => {
    const call = run('outgoing', [[{ type: 'failed', originator, cause }, 500]]);
    expect(call).toMatchObject({ phase: 'ended', outcome, endReason: cause });
    expect(talkSeconds(call, T0 + 10_000)).toBe(0);
  });

  it('ignores events after the end, and out-of-order progress after connect', () => {
    const ended = run('outgoing', [[{ type: 'failed', originator: 'remote', cause: 'Busy' }, 10]]);
    expect(applyCallEvent(ended, { type: 'confirmed' }, T0 + 20)).toBe(ended);
    const talking = run('outgoing', [[{ type: 'confirmed' }, 10]]);
    expect(applyCallEvent(talking, { type: 'progress' }, T0 + 20)).toBe(talking);
  });
});

describe('incoming call', () => {
  it('starts ringing here, connects on answer, and counts from the 200 OK', () => {
    const call = run('incoming', [
      [{ type: 'answering' }, 2_000],
      [{ type: 'accepted' }, 2_040],
      [{ type: 'confirmed' }, 2_100],
    ]);
    expect(call).toMatchObject({ phase: 'connected', answeredAt: T0 + 2_040 });
  });

  it('is missed when the caller gives up, declined when we decline', () => {
    expect(run('incoming', [[{ type: 'failed', originator: 'remote', cause: 'Canceled' }, 8_000]]).outcome).toBe(
      'missed',
    );
    expect(run('incoming', [[{ type: 'failed', originator: 'system', cause: 'No Answer' }, 60_000]]).outcome).toBe(
      'missed',
    );
    expect(run('incoming', [[{ type: 'failed', originator: 'local', cause: 'Rejected' }, 1_000]]).outcome).toBe(
      'declined',
    );
  });

  it('is failed, not missed, when media setup breaks after we answered', () => {
    const call = run('incoming', [
      [{ type: 'answering' }, 1_000],
      [{ type: 'failed', originator: 'system', cause: 'WebRTC Error' }, 1_200],
    ]);
    expect(call.outcome).toBe('failed');
  });
});

describe('in-call state', () => {
  const connected = () =>
    run('outgoing', [
      [{ type: 'progress' }, 100],
      [{ type: 'accepted' }, 1_000],
      [{ type: 'confirmed' }, 1_050],
    ]);

  it('mutes and unmutes; a ringing incoming call has no microphone to mute', () => {
    let call = applyCallEvent(connected(), { type: 'muted', muted: true }, T0 + 2_000);
    expect(call.muted).toBe(true);
    call = applyCallEvent(call, { type: 'muted', muted: false }, T0 + 3_000);
    expect(call).not.toHaveProperty('muted');
    const ringing = run('incoming', []);
    expect(applyCallEvent(ringing, { type: 'muted', muted: true }, T0)).toBe(ringing);
  });

  it('tracks our hold and theirs separately and remembers that the call was held', () => {
    let call = applyCallEvent(connected(), { type: 'hold', originator: 'local', held: true }, T0 + 2_000);
    expect(call).toMatchObject({ held: true, wasHeld: true });
    call = applyCallEvent(call, { type: 'hold', originator: 'remote', held: true }, T0 + 2_500);
    expect(call).toMatchObject({ held: true, remoteHeld: true });
    call = applyCallEvent(call, { type: 'hold', originator: 'local', held: false }, T0 + 3_000);
    call = applyCallEvent(call, { type: 'hold', originator: 'remote', held: false }, T0 + 3_500);
    expect(call).not.toHaveProperty('held');
    expect(call).not.toHaveProperty('remoteHeld');
    expect(call.wasHeld).toBe(true);
    call = applyCallEvent(call, { type: 'ended', originator: 'remote', cause: 'Terminated' }, T0 + 9_000);
    expect(call).toMatchObject({ phase: 'ended', outcome: 'answered', wasHeld: true });
  });

  it('marks our contact-center hold as listening until it ends, and a standard hold not', () => {
    let call = applyCallEvent(
      connected(),
      { type: 'hold', originator: 'local', held: true, listening: true },
      T0 + 2_000,
    );
    expect(call).toMatchObject({ held: true, holdListening: true, wasHeld: true });
    call = applyCallEvent(call, { type: 'hold', originator: 'local', held: false, listening: true }, T0 + 3_000);
    expect(call).not.toHaveProperty('holdListening');
    call = applyCallEvent(call, { type: 'hold', originator: 'local', held: true }, T0 + 4_000);
    expect(call).toMatchObject({ held: true });
    expect(call).not.toHaveProperty('holdListening');
    call = applyCallEvent(connected(), { type: 'hold', originator: 'local', held: true, listening: true }, T0 + 2_000);
    call = applyCallEvent(call, { type: 'ended', originator: 'remote', cause: 'Terminated' }, T0 + 9_000);
    expect(call).not.toHaveProperty('holdListening');
  });

  it('does not hold a call that is still ringing', () => {
    const ringing = run('outgoing', [[{ type: 'progress' }, 100]]);
    expect(applyCallEvent(ringing, { type: 'hold', originator: 'local', held: true }, T0 + 200)).toBe(ringing);
  });

  it('drops live flags when the call ends', () => {
    let call = applyCallEvent(connected(), { type: 'muted', muted: true }, T0 + 2_000);
    call = applyCallEvent(call, { type: 'hold', originator: 'local', held: true }, T0 + 2_100);
    call = applyCallEvent(call, { type: 'pendingDigits', digits: '8057' }, T0 + 2_200);
    call = applyCallEvent(call, { type: 'ended', originator: 'local', cause: 'Terminated' }, T0 + 3_000);
    expect(call).not.toHaveProperty('muted');
    expect(call).not.toHaveProperty('held');
    expect(call).not.toHaveProperty('pendingDigits');
  });

  it('shows pending dial-string digits until they are sent, and keeps digits received by INFO', () => {
    let call = applyCallEvent(connected(), { type: 'pendingDigits', digits: '8057' }, T0 + 2_000);
    expect(call.pendingDigits).toBe('8057');
    call = applyCallEvent(call, { type: 'pendingDigits', digits: null }, T0 + 3_000);
    expect(call).not.toHaveProperty('pendingDigits');
    for (const digit of ['1', '2', '#', 'x']) call = applyCallEvent(call, { type: 'dtmfReceived', digit }, T0 + 4_000);
    expect(call.receivedDigits).toBe('12#');
  });
});

describe('transfers', () => {
  const connected = (): CallSnapshot =>
    applyCallEvent(newCall({ id: 'c', direction: 'incoming', remoteNumber: '1001', now: 0 }), { type: 'confirmed' }, 1);

  it('a blind transfer is trying, then done; the ended call keeps it for the call log', () => {
    const trying = applyCallEvent(connected(), { type: 'transferStarted', kind: 'blind', target: '8002' }, 2);
    expect(trying.transfer).toEqual({ kind: 'blind', target: '8002', status: 'trying' });
    const done = applyCallEvent(trying, { type: 'transferResult', ok: true }, 3);
    const ended = applyCallEvent(done, { type: 'ended', originator: 'local', cause: 'Terminated' }, 4);
    expect(ended).toMatchObject({ phase: 'ended', outcome: 'answered', transfer: { status: 'done', target: '8002' } });
  });

  it('a failed transfer says why and leaves the call as it was; it is not logged as transferred', () => {
    const trying = applyCallEvent(connected(), { type: 'transferStarted', kind: 'attended', target: '8002' }, 2);
    const failed = applyCallEvent(trying, { type: 'transferResult', ok: false, reason: '486 Busy Here' }, 3);
    expect(failed).toMatchObject({ phase: 'connected', transfer: { status: 'failed', reason: '486 Busy Here' } });
    const again = applyCallEvent(failed, { type: 'transferStarted', kind: 'blind', target: '8003' }, 4);
    expect(again.transfer).toEqual({ kind: 'blind', target: '8003', status: 'trying' });
    const ended = applyCallEvent(failed, { type: 'ended', originator: 'remote', cause: 'BYE' }, 5);
    expect(ended.transfer).toBeUndefined();
  });

  it('no transfer before the call is answered, and no second one while one is trying', () => {
    const ringing = newCall({ id: 'c', direction: 'outgoing', remoteNumber: '1001', now: 0 });
    expect(applyCallEvent(ringing, { type: 'transferStarted', kind: 'blind', target: '8002' }, 1)).toBe(ringing);
    const trying = applyCallEvent(connected(), { type: 'transferStarted', kind: 'blind', target: '8002' }, 2);
    expect(applyCallEvent(trying, { type: 'transferStarted', kind: 'blind', target: '8003' }, 3)).toBe(trying);
    expect(applyCallEvent(connected(), { type: 'transferResult', ok: true }, 3).transfer).toBeUndefined();
  });
});

describe('being transferred', () => {
  it('the call we place for a REFER says who transferred us', () => {
    const call = newCall({ id: 'n', direction: 'outgoing', remoteNumber: '1003', now: 0, transferredBy: 'Bob Müller' });
    expect(call).toMatchObject({ phase: 'dialing', remoteNumber: '1003', transferredBy: 'Bob Müller' });
  });
});
