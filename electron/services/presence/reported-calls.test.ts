import { describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../../../src/shared/domain.ts';
import { connectedCallsReport } from './reported-calls.ts';

const call = (id: string, phase: CallSnapshot['phase'], extra: Partial<CallSnapshot> = {}): CallSnapshot => ({
  id,
  direction: 'incoming',
  phase,
  remoteNumber: '+8613800138000',
  startedAt: 1_000,
  ...extra,
});

describe('the calls an agent reports for the team view', () => {
  it('tells only answered, connected calls, with the party as the agent sees it and the talk time so far', () => {
    const report = connectedCallsReport(
      [
        call('a', 'connected', { answeredAt: 2_000, remoteName: '陈先生' }),
        call('b', 'incoming'),
        call('c', 'connected', { answeredAt: 9_000, direction: 'outgoing' }),
      ],
      10_000,
    );
    expect(report).toEqual({
      key: 'a c',
      calls: [
        { id: 'a', direction: 'incoming', party: '陈先生 +8613800138000', talkMs: 8_000 },
        { id: 'c', direction: 'outgoing', party: '+8613800138000', talkMs: 1_000 },
      ],
    });
  });

  it('keeps the same key while the same calls go on, so a tick sends nothing', () => {
    const calls = [call('a', 'connected', { answeredAt: 2_000 })];
    expect(connectedCallsReport(calls, 3_000).key).toBe(connectedCallsReport(calls, 60_000).key);
    expect(connectedCallsReport([], 3_000).key).toBe('');
  });
});
