import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import { referTarget, resumeWhenReady, sendTransfer, type TransferOutcome } from './transfer.ts';

type Handlers = Record<string, (event?: unknown) => void>;

/** Just enough of a JsSIP session to see what sendTransfer asks of it and to play back its REFER events. */
function fakeSession() {
  const sent: Array<{ target: string; replaces: unknown; handlers: Handlers }> = [];
  const session = {
    refer(target: string, options: { eventHandlers: Handlers; replaces?: unknown }) {
      sent.push({ target, replaces: options.replaces, handlers: options.eventHandlers });
    },
  };
  return { session: session as unknown as RTCSession, sent };
}

function run(play: (handlers: Handlers) => void, options: { consultation?: RTCSession } = {}) {
  const { session, sent } = fakeSession();
  const outcomes: TransferOutcome[] = [];
  sendTransfer(session, 'sip:8002@pbx', (outcome) => outcomes.push(outcome), options);
  play(sent[0]!.handlers);
  return { outcomes, sent };
}

describe('sendTransfer', () => {
  afterEach(() => vi.useRealTimers());

  it('reports done when the NOTIFY says the target answered, once', () => {
    const { outcomes } = run((h) => {
      h['accepted']!();
      h['failed']!({ status_line: { status_code: 487, reason_phrase: 'Terminated' } });
    });
    expect(outcomes).toEqual([{ ok: true }]);
  });

  it('reports why: a refused REFER, or the target’s failure in the NOTIFY', () => {
    expect(
      run((h) => h['requestFailed']!({ response: { status_code: 405, reason_phrase: 'Method Not Allowed' } })).outcomes,
    ).toEqual([{ ok: false, reason: '405 Method Not Allowed' }]);
    expect(
      run((h) => h['failed']!({ status_line: { status_code: 486, reason_phrase: 'Busy Here' } })).outcomes,
    ).toEqual([{ ok: false, reason: '486 Busy Here' }]);
    expect(run((h) => h['requestFailed']!({ response: null, cause: 'Request Timeout' })).outcomes).toEqual([
      { ok: false, reason: 'Request Timeout' },
    ]);
  });

  it('gives the caller back when the target never answers', () => {
    vi.useFakeTimers();
    const { outcomes } = run(() => vi.advanceTimersByTime(60_001));
    expect(outcomes).toEqual([{ ok: false, reason: 'No answer from the transfer target' }]);
  });

  it('an attended transfer names the consultation call for Replaces', () => {
    const consultation = {} as RTCSession;
    expect(run(() => {}, { consultation }).sent[0]).toMatchObject({ target: 'sip:8002@pbx', replaces: consultation });
  });
});

describe('a received REFER', () => {
  it('names the number to call', () => {
    expect(referTarget({ refer_to: { uri: { user: '1003', toString: () => 'sip:1003@pbx' } } })).toBe('1003');
    expect(referTarget({})).toBe('unknown');
  });
});

describe('resumeWhenReady', () => {
  it('tries again while a re-INVITE is still under way, then stops', () => {
    vi.useFakeTimers();
    let refusals = 2;
    const unhold = vi.fn(() => refusals-- <= 0);
    const session = { isEnded: () => false, isOnHold: () => ({ local: true }), unhold } as unknown as RTCSession;
    resumeWhenReady(session);
    vi.advanceTimersByTime(1000);
    expect(unhold).toHaveBeenCalledTimes(3);
    vi.useRealTimers();
  });
});
