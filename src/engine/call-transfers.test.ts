import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { CallSnapshot } from '../shared/domain.ts';
import type { ActiveCall } from './active-call.ts';
import { newCall, type CallEvent } from './call-state.ts';
import { CallTransfers, type ReferEvent } from './call-transfers.ts';
import { setEngineLogSink } from './engine-log.ts';

function engine(announcement: Promise<void> = Promise.resolve()) {
  const sent: string[] = [];
  const ours: ActiveCall = {
    session: {
      hold: () => void sent.push('hold'),
      refer: (target: string) => void sent.push(`REFER ${target}`),
    } as unknown as RTCSession,
    snapshot: { ...newCall({ id: 'c1', direction: 'incoming', remoteNumber: '1002', now: 0 }), phase: 'connected' },
    media: {},
    postDial: [],
  };
  const events: Array<[string, CallEvent]> = [];
  const adopted: CallSnapshot[] = [];
  const transfers = new CallTransfers({
    call: (callId) => (callId === 'c1' ? ours : undefined),
    domain: () => '127.0.0.1',
    update: (callId, event) => events.push([callId, event]),
    hangup: () => {},
    adopt: (_session, snapshot) => adopted.push(snapshot),
    mediaConstraints: () => ({ audio: true }),
    announceTransfer: () => {
      sent.push('announce');
      return announcement;
    },
    newId: () => 'c2',
    now: () => 0,
  });
  return { transfers, events, adopted, sent, ours };
}

const referTo = (user: string) => ({ refer_to: { uri: { user, toString: () => `sip:${user}@127.0.0.1` } } });

describe('being transferred by the far side', () => {
  let warnings: string[];
  beforeEach(() => {
    warnings = [];
    setEngineLogSink((level, message) => void (level === 'warn' && warnings.push(message)));
  });
  afterEach(() => setEngineLogSink(null));

  it('calls the target the REFER names, as a new call that says who transferred us', () => {
    const { transfers, adopted } = engine();
    const session = { on: () => {} } as unknown as RTCSession;
    const refer: ReferEvent = { request: referTo('8003'), accept: (init) => init(session), reject: () => {} };
    transfers.referred('c1', refer);
    expect(adopted).toMatchObject([{ id: 'c2', direction: 'outgoing', remoteNumber: '8003', transferredBy: '1002' }]);
  });

  it('a REFER JsSIP refuses by throwing is rejected and logged; nothing is thrown and our call goes on', () => {
    const { transfers, events, adopted } = engine();
    const rejected: boolean[] = [];
    const refer: ReferEvent = {
      request: referTo('8003'),
      accept: () => {
        throw new URIError('URI malformed');
      },
      reject: () => void rejected.push(true),
    };
    expect(() => transfers.referred('c1', refer)).not.toThrow();
    expect(rejected).toEqual([true]);
    expect(adopted).toEqual([]);
    expect(events).toEqual([]);
    expect(warnings).toEqual(['Transfer request refused']);
  });

  it('a call JsSIP started before it threw is marked failed, not left dialling', () => {
    const { transfers, events, adopted } = engine();
    const session = { on: () => {} } as unknown as RTCSession;
    const refer: ReferEvent = {
      request: referTo('8003'),
      accept: (init) => {
        init(session);
        throw new TypeError('Invalid target');
      },
      reject: () => {},
    };
    transfers.referred('c1', refer);
    expect(adopted.map((call) => call.id)).toEqual(['c2']);
    expect(events).toEqual([['c2', { type: 'failed', originator: 'local', cause: 'Transfer failed' }]]);
  });
});

describe('a blind transfer we start', () => {
  it('tells the caller "Transferring, please wait" before holding them and sending the REFER', async () => {
    let played = () => {};
    const { transfers, events, sent } = engine(new Promise<void>((resolve) => (played = resolve)));
    const started = transfers.blind('c1', '8002');
    expect(events).toEqual([['c1', { type: 'transferStarted', kind: 'blind', target: '8002' }]]);
    expect(sent).toEqual(['announce']);
    played();
    await started;
    expect(sent).toEqual(['announce', 'hold', 'REFER sip:8002@127.0.0.1']);
  });

  it('sends no REFER when the call ended while the announcement played', async () => {
    let played = () => {};
    const { transfers, sent, ours } = engine(new Promise<void>((resolve) => (played = resolve)));
    const started = transfers.blind('c1', '8200');
    ours.snapshot = { ...ours.snapshot, phase: 'ended' };
    played();
    await started;
    expect(sent).toEqual(['announce']);
  });
});
