import { describe, expect, it } from 'vitest';
import RTCSessionClass from 'jssip/lib/RTCSession.js';
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import { glareWaitMs, reinvite } from './reinvite.ts';

type Failed = (response?: { status_code?: number }) => void;

/** A session whose re-INVITEs are answered by `answers` in turn (a status code, or 200). */
function fakeSession(answers: number[], direction: 'incoming' | 'outgoing' = 'outgoing') {
  const sent: Array<{ iceRestart: boolean }> = [];
  const session = {
    direction,
    isEnded: () => false,
    isEstablished: () => true,
    isReadyToReOffer: () => true,
    _sendReinvite(options: {
      rtcOfferConstraints?: RTCOfferOptions;
      eventHandlers: { succeeded?: () => void; failed?: Failed };
    }) {
      sent.push({ iceRestart: options.rtcOfferConstraints?.iceRestart === true });
      const status = answers.shift() ?? 200;
      if (status === 200) options.eventHandlers.succeeded?.();
      else options.eventHandlers.failed?.({ status_code: status });
    },
  };
  return { session: session as unknown as RTCSession, sent };
}

function run(answers: number[], direction: 'incoming' | 'outgoing' = 'outgoing', iceRestart = false) {
  const { session, sent } = fakeSession(answers, direction);
  const waits: number[] = [];
  const outcomes: string[] = [];
  reinvite(session, {
    iceRestart,
    random: () => 0.5,
    schedule: (next, ms) => {
      waits.push(ms);
      next();
    },
    onDone: (outcome) => outcomes.push(outcome),
  });
  return { sent, waits, outcomes };
}

describe('a re-INVITE that survives glare', () => {
  it('refreshes at once when the far side accepts', () => {
    expect(run([200])).toEqual({ sent: [{ iceRestart: false }], waits: [], outcomes: ['refreshed'] });
  });

  it('asks for fresh ICE credentials after a network change', () => {
    expect(run([200], 'outgoing', true).sent).toEqual([{ iceRestart: true }]);
  });

  it('both ends re-INVITE at once (491): retries after the RFC 3261 wait instead of ending the call', () => {
    // The caller owns the Call-ID: 2.1–4 s; the callee 0–2 s, so the two retries do not collide again.
    expect(run([491, 200], 'outgoing')).toMatchObject({ waits: [3_050], outcomes: ['refreshed'] });
    expect(run([491, 200], 'incoming')).toMatchObject({ waits: [1_000], outcomes: ['refreshed'] });
  });

  it('gives up after four tries, and on any other error, without touching the call', () => {
    expect(run([491, 491, 491, 491, 491])).toMatchObject({ outcomes: ['gave-up'] });
    expect(run([491, 491, 491, 491, 491]).sent).toHaveLength(4);
    expect(run([488])).toMatchObject({ sent: [{ iceRestart: false }], waits: [], outcomes: ['gave-up'] });
  });

  it('waits its turn while another re-INVITE (hold) is under way', () => {
    const { session, sent } = fakeSession([200]);
    let ready = false;
    Object.assign(session, { isReadyToReOffer: () => ready });
    const outcomes: string[] = [];
    reinvite(session, {
      random: () => 0,
      schedule: (next) => {
        ready = true;
        next();
      },
      onDone: (outcome) => outcomes.push(outcome),
    });
    expect(sent).toHaveLength(1);
    expect(outcomes).toEqual(['refreshed']);
  });

  it('glare waits follow RFC 3261 14.1', () => {
    expect(glareWaitMs(true, () => 0)).toBe(2_100);
    expect(glareWaitMs(true, () => 1)).toBe(4_000);
    expect(glareWaitMs(false, () => 1)).toBe(2_000);
  });

  it('JsSIP still has the internals this relies on (fails on an upgrade that renames them)', () => {
    const prototype = (RTCSessionClass as unknown as { prototype: Record<string, unknown> }).prototype;
    expect(typeof prototype['_sendReinvite']).toBe('function');
    expect(typeof prototype['_setLocalMediaStatus']).toBe('function');
  });
});
