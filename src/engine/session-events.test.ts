import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { CallEvent } from './call-state.ts';
import { followSession } from './session-events.ts';

/** A JsSIP session is an event emitter; this one is played by the test. */
function follow(iceGathering: 'policy' | 'complete' = 'policy') {
  const session = Object.assign(new EventEmitter(), { connection: null });
  const seen: Array<CallEvent | string> = [];
  followSession(
    session as unknown as RTCSession,
    {
      event: (event) => seen.push(event),
      media: () => seen.push('media'),
      connection: () => seen.push('connection'),
      confirmed: () => seen.push('confirmed'),
      refer: () => seen.push('refer'),
      replaces: () => seen.push('replaces'),
    },
    { iceGathering, now: () => 0, callId: 'c1' },
  );
  return { session, seen };
}

describe("a JsSIP session's events as call events", () => {
  it('answered, confirmed, held by the far side and resumed: each changes the call, then our outgoing audio', () => {
    const { session, seen } = follow();
    session.emit('accepted', {});
    session.emit('confirmed', {});
    session.emit('hold', { originator: 'remote' });
    session.emit('unhold', { originator: 'remote' });
    expect(seen).toEqual([
      { type: 'accepted' },
      'media',
      { type: 'confirmed' },
      'media',
      'confirmed',
      { type: 'hold', originator: 'remote', held: true },
      'media',
      { type: 'hold', originator: 'remote', held: false },
      'media',
    ]);
  });

  it('keypad digits from the far side are reported, our own are not; the end says who ended it and why', () => {
    const { session, seen } = follow();
    session.emit('newDTMF', { originator: 'remote', dtmf: { tone: '5' } });
    session.emit('newDTMF', { originator: 'local', dtmf: { tone: '7' } });
    session.emit('failed', { originator: 'remote', cause: 'Busy' });
    expect(seen).toEqual([
      { type: 'dtmfReceived', digit: '5' },
      { type: 'failed', originator: 'remote', cause: 'Busy' },
    ]);
  });

  it('sends as soon as a host candidate is in under the ICE policy, and waits for all under stock timing', () => {
    const host = { candidate: 'candidate:1 1 udp 2122260223 192.0.2.7 54321 typ host' };
    const policy = follow('policy');
    let sent = 0;
    policy.session.emit('icecandidate', { candidate: host, ready: () => (sent += 1) });
    expect(sent).toBe(1);
    const stock = follow('complete');
    stock.session.emit('icecandidate', { candidate: host, ready: () => (sent += 1) });
    expect(sent).toBe(1);
  });
});
