/**
 * PREVIEW ONLY. Named sample states for the screenshot harness
 * (scripts/ui-preview.ts). Times are relative to page load so "today" stays today.
 */
import type { AppState, CallLogEntry, CallQuality, Language } from '../../shared/domain.ts';
import type { NumberSignInErrorCode, NumberSignInFailure } from '../../shared/number-sign-in.ts';
import type { PreviewScenario } from './preview-api.ts';
import { MEDIA_LOST_CAUSE } from '../../shared/end-reasons.ts';
import { agentScenario, agentView } from './agent-scenarios.ts';
import { chatScenario } from './chat-scenarios.ts';
import { teamScenario } from './team-scenarios.ts';

/** The waits and tries the service would send with each failure. */
const sampleFailureDetails: Partial<
  Record<NumberSignInErrorCode, Pick<NumberSignInFailure, 'retryAfterSec' | 'triesLeft'>>
> = {
  'code-wrong': { triesLeft: 1 },
  'too-many-tries': { retryAfterSec: 900 },
  'rate-limited': { retryAfterSec: 1740 },
  'resend-too-early': { retryAfterSec: 95 },
};

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
      // Wrap-up codes (issue 20): one picked with a note, one a required code that was never picked.
      ...(i === 0
        ? { wrapUp: { code: 'after-sales', label: '售后 After-sales', note: '周五上门取件 Pick-up Friday' } }
        : {}),
      ...(i === 2 ? { wrapUp: { missing: true } } : {}),
    };
  });
}

/** A headset chosen for talking, the laptop speakers for ringing; optionally the headset unplugged. */
function sampleAudio(headsetUnplugged: boolean): Pick<AppState, 'audio' | 'audioSettings'> {
  const headset = { id: 'jabra', label: 'Jabra Evolve2 40' };
  const speakers = { id: 'realtek-out', label: 'Speakers (Realtek Audio)' };
  const builtIn = { id: 'realtek-in', label: 'Microphone Array (Realtek Audio)' };
  return {
    audioSettings: {
      microphone: headset,
      speaker: headset,
      ringer: speakers,
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: false,
      inputVolume: 1.3,
      ringVolume: 0.6,
      listeningHold: true,
    },
    audio: {
      microphones: headsetUnplugged ? [builtIn] : [builtIn, headset],
      speakers: headsetUnplugged ? [speakers] : [speakers, headset],
      systemDefault: { microphone: builtIn.label, speaker: speakers.label },
      using: headsetUnplugged
        ? { microphone: builtIn.label, speaker: speakers.label, ringer: speakers.label }
        : { microphone: headset.label, speaker: headset.label, ringer: speakers.label },
      problems: headsetUnplugged
        ? [
            { kind: 'microphone-missing', device: headset.label },
            { kind: 'speaker-missing', device: headset.label },
          ]
        : [],
    },
  };
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
  const failure = /^signin-fail-(lookup|code|verify)-(.+)$/.exec(name);
  if (failure) {
    const [, at, code] = failure as unknown as [string, 'lookup' | 'code' | 'verify', NumberSignInErrorCode];
    return {
      state: { ...s, account: null, registration: { status: 'signed-out' } },
      callLog: [],
      signInFailure: { at, failure: { ok: false, code, ...sampleFailureDetails[code] } },
    };
  }
  const stationFailure = /^signin-station-fail-(.+)$/.exec(name);
  if (stationFailure) {
    const code = stationFailure[1] as NumberSignInErrorCode;
    return {
      state: { ...s, account: null, registration: { status: 'signed-out' } },
      callLog: [],
      stationFailure: { ok: false, code, ...sampleFailureDetails[code], traceId: 'c07e5b19a2f4' },
    };
  }
  const passwordFailure = /^signin-password-fail-(.+)$/.exec(name);
  if (passwordFailure) {
    const code = passwordFailure[1] as NumberSignInErrorCode;
    return {
      state: { ...s, account: null, registration: { status: 'signed-out' } },
      callLog: [],
      passwordFailure: { ok: false, code, ...sampleFailureDetails[code], traceId: 'a41f07c9e2d3' },
    };
  }
  switch (name) {
    case 'signin-ringing':
      return {
        state: { ...s, account: null, registration: { status: 'signed-out' } },
        callLog: [],
        codeCallRinging: true,
      };
    case 'signed-in-elsewhere':
    case 'signed-out-by-admin':
    case 'password-changed':
      return { state: { ...s, account: null, registration: { status: 'signed-out', error: name } }, callLog: [] };
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
    case 'transferring':
      return {
        state: {
          ...s,
          calls: [
            { ...call('connected', 95), held: true, transfer: { kind: 'blind', target: '8002', status: 'trying' } },
          ],
        },
        callLog: log,
      };
    case 'transfer-failed':
      return {
        state: {
          ...s,
          calls: [
            {
              ...call('connected', 95),
              transfer: { kind: 'blind', target: '8002', status: 'failed', reason: '486 Busy Here' },
            },
          ],
        },
        callLog: log,
      };
    case 'consulting': {
      const consult = {
        id: 'c2',
        direction: 'outgoing' as const,
        phase: 'connected' as const,
        remoteNumber: '8002',
        remoteName: '李娜',
        startedAt: now - 15_000,
        answeredAt: now - 12_000,
        consultFor: 'c1',
      };
      return {
        state: { ...s, calls: [{ ...call('connected', 95), held: true, wasHeld: true }, consult] },
        callLog: log,
      };
    }
    case 'two-calls': {
      const second = {
        id: 'c2',
        direction: 'incoming' as const,
        phase: 'connected' as const,
        remoteNumber: '1003',
        remoteName: 'Desk Phone 1003',
        startedAt: now - 40_000,
        answeredAt: now - 38_000,
        waiting: true,
      };
      return {
        state: { ...s, calls: [{ ...call('connected', 95), held: true, wasHeld: true }, second] },
        callLog: log,
      };
    }
    case 'call-waiting': {
      const ringing = {
        id: 'c2',
        direction: 'incoming' as const,
        phase: 'incoming' as const,
        remoteNumber: '1003',
        remoteName: 'Desk Phone 1003',
        startedAt: now - 3_000,
        waiting: true,
      };
      return { state: { ...s, calls: [call('connected', 95), ringing] }, callLog: log };
    }
    case 'audio-devices':
      return { state: { ...s, ...sampleAudio(true) }, callLog: log };
    // The company decides the hold (ADR 0005): 'off' against this user's own 'on', so the box shows the company's word.
    case 'audio-company-hold': {
      const agent = agentView({ policy: { ...agentView().policy, listeningHold: 'off' } });
      return { state: { ...s, ...sampleAudio(false), agent }, callLog: log };
    }
    case 'connected-quality-good':
    case 'connected-quality-poor': {
      const quality: CallQuality =
        name === 'connected-quality-good'
          ? { mos: 4.4, level: 'good', lossPercent: 0, jitterMs: 3.2, rttMs: 24 }
          : { mos: 2.7, level: 'poor', lossPercent: 18.5, jitterMs: 21, rttMs: 180 };
      return { state: { ...s, ...sampleAudio(false), calls: [{ ...call('connected', 95), quality }] }, callLog: log };
    }
    case 'connected-listening-hold': {
      const held = { ...call('connected', 95), held: true, holdListening: true, wasHeld: true };
      return { state: { ...s, calls: [held] }, callLog: log };
    }
    case 'connected-device-missing':
      return { state: { ...s, ...sampleAudio(true), calls: [call('connected', 95)] }, callLog: log };
    case 'calls-empty':
      return { state: s, callLog: [] };
    case 'about':
      return { state: s, callLog: log, update: { feed: 'newer' } };
    case 'about-diagnostics-failed':
      return { state: s, callLog: log, update: { feed: 'newer' }, diagnosticsExport: 'failed' };
    case 'about-latest':
      return { state: s, callLog: log, update: { feed: 'same' } };
    case 'about-tampered':
      return { state: s, callLog: log, update: { feed: 'tampered' } };
    case 'about-downloading':
      return {
        state: s,
        callLog: log,
        update: { feed: 'newer', status: { phase: 'downloading', version: '0.2.0', percent: 45 } },
      };
    case 'email-account':
      // Signed in by e-mail with "Remember me" in the browser host: kept, but not in a keychain (issue 18).
      return {
        state: { ...s, account: { ...account, email: 'wang.xm@harbor.example', remembered: 'weak' } },
        callLog: log,
      };
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
      return (
        chatScenario(name, s, now, call('connected', 95)) ??
        teamScenario(name, s, now) ??
        agentScenario(name, s, now, call('connected', 95)) ?? { state: s, callLog: log }
      );
  }
}
