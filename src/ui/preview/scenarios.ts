/**
 * PREVIEW ONLY. Named sample states for the screenshot harness
 * (scripts/ui-preview.ts). Times are relative to page load so "today" stays today.
 */
import type { AppState, CallLogEntry, Language } from '../../shared/domain.ts';
import type { PreviewScenario } from './preview-api.ts';
import { MEDIA_LOST_CAUSE } from '../../shared/end-reasons.ts';

const MIN = 60_000;
const account = { server: 'wss://pbx.example.cn:7443', user: '8001', domain: 'pbx.example.cn', displayName: '王晓明' };

function base(language: Language): AppState {
  return {
    account,
    registration: { status: 'registered' },
    calls: [],
    language,
    languagePreference: 'system',
  };
}

function sampleLog(now: number): CallLogEntry[] {
  const people = [
    { remoteNumber: '13800138000', remoteName: '张伟' },
    { remoteNumber: '8002', remoteName: '前台' },
    { remoteNumber: '+86 21 5555 0199' },
    { remoteNumber: '8015', remoteName: 'Emily Carter' },
    { remoteNumber: '4008123123', remoteName: '顺丰速运客服热线（上海浦东新区营业部）' },
    { remoteNumber: '8003', remoteName: '李娜' },
  ];
  const shapes = [
    { direction: 'incoming', outcome: 'answered', durationSec: 135 },
    { direction: 'incoming', outcome: 'missed', durationSec: 0 },
    { direction: 'outgoing', outcome: 'answered', durationSec: 48 },
    { direction: 'outgoing', outcome: 'no-answer', durationSec: 0 },
    { direction: 'outgoing', outcome: 'busy', durationSec: 0 },
    { direction: 'incoming', outcome: 'declined', durationSec: 0 },
    { direction: 'outgoing', outcome: 'answered', durationSec: 3900 },
  ] as const;
  const gaps = [12, 95, 260, 900, 1500, 2000, 2900, 4300, 6000, 9000];
  return Array.from({ length: 45 }, (_, i) => {
    const person = people[i % people.length] ?? people[0]!;
    const shape = shapes[i % shapes.length] ?? shapes[0];
    const startedAt = now - (gaps[i] ?? 9000 + i * 700) * MIN;
    return {
      id: `log-${String(i).padStart(3, '0')}`,
      ...person,
      direction: shape.direction,
      outcome: shape.outcome,
      durationSec: shape.durationSec,
      startedAt,
      ...(shape.durationSec > 0 ? { answeredAt: startedAt + 8000 } : {}),
      endedAt: startedAt + 8000 + shape.durationSec * 1000,
    };
  });
}

export function previewScenario(name: string, language: Language): PreviewScenario {
  const now = Date.now();
  const s = base(language);
  const log = sampleLog(now);
  const call = (phase: 'dialing' | 'ringing' | 'connecting' | 'connected' | 'incoming', answeredAgoSec?: number) => ({
    id: 'c1',
    direction: phase === 'incoming' ? ('incoming' as const) : ('outgoing' as const),
    phase,
    remoteNumber: '13800138000',
    remoteName: '张伟',
    startedAt: now - 20_000,
    ...(answeredAgoSec !== undefined ? { answeredAt: now - answeredAgoSec * 1000 } : {}),
  });
  switch (name) {
    case 'signin':
      return { state: { ...s, account: null, registration: { status: 'signed-out' } }, callLog: [] };
    case 'signin-auth-failed':
      return {
        state: { ...s, account: null, registration: { status: 'signed-out' } },
        callLog: [],
        signInOutcome: { status: 'error', error: 'auth-failed', detail: '403 Forbidden' },
      };
    case 'signin-connecting':
      return {
        state: { ...s, account: null, registration: { status: 'signed-out' } },
        callLog: [],
        signInOutcome: { status: 'connecting' },
      };
    case 'main-connecting':
      return { state: { ...s, registration: { status: 'connecting' } }, callLog: log };
    case 'main-error':
      return {
        state: {
          ...s,
          registration: { status: 'error', error: 'server-unreachable', detail: 'WebSocket closed (1006)' },
        },
        callLog: log,
      };
    case 'dial-failed':
      return { state: s, callLog: log, dialFailure: 'Engine did not accept the call: 488 Not Acceptable Here' };
    case 'incoming':
      return { state: { ...s, calls: [call('incoming')] }, callLog: log };
    case 'incoming-unknown': {
      const { remoteName: _unknown, ...anonymous } = call('incoming');
      return { state: { ...s, calls: [{ ...anonymous, remoteNumber: '02155550199' }] }, callLog: log };
    }
    case 'dialing':
      return { state: { ...s, calls: [call('dialing')] }, callLog: log };
    case 'ringing':
      return { state: { ...s, calls: [call('ringing')] }, callLog: log };
    case 'connected':
      return { state: { ...s, calls: [call('connected', 125)] }, callLog: log };
    case 'connected-long':
      return { state: { ...s, calls: [call('connected', 3 * 3600 + 125)] }, callLog: log };
    case 'calls-empty':
      return { state: s, callLog: [] };
    case 'english-account':
      return { state: { ...s, account: { ...account, displayName: 'Emily Carter', user: '8015' } }, callLog: log };
    case 'main-reconnecting':
      return {
        state: { ...s, registration: { status: 'reconnecting', error: 'connection-lost', retryAt: now + 60_000 } },
        callLog: log,
      };
    case 'main-offline':
      return { state: { ...s, registration: { status: 'offline' } }, callLog: log };
    case 'connected-reconnecting':
      return {
        state: {
          ...s,
          registration: { status: 'reconnecting', error: 'connection-lost', retryAt: now + 60_000 },
          calls: [call('connected', 125)],
        },
        callLog: log,
      };
    case 'call-ended-no-audio':
      return {
        state: {
          ...s,
          calls: [
            {
              ...call('connected', 125),
              phase: 'ended' as const,
              outcome: 'answered' as const,
              endReason: MEDIA_LOST_CAUSE,
              endedAt: now,
            },
          ],
        },
        callLog: log,
      };
    case 'signin-account-lost':
      return {
        state: {
          ...s,
          account: null,
          registration: { status: 'signed-out', error: 'account-lost', detail: 'corrupt' },
        },
        callLog: [],
      };
    default:
      return { state: s, callLog: log };
  }
}
