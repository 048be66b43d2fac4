/** Entry of the hidden engine window: binds the phone engine to main's commands. */
import { getEngineHostApi } from '../bridge/engine-host-api.ts';
import { engineLog, setEngineLogSink } from './engine-log.ts';
import { PhoneEngine } from './phone-engine.ts';

const host = getEngineHostApi();
// The engine's log lines go to main, which redacts them and writes engine.log.
setEngineLogSink((level, message, fields) => host.report('log', { level, message, fields }));
// Stacks go with the message: an uncaught error at a customer site is only useful with where it came from.
const stackOf = (value: unknown) => (value instanceof Error ? (value.stack ?? null) : null);
window.addEventListener('error', (event) =>
  engineLog.error('uncaught error', { message: event.message, stack: stackOf(event.error) }),
);
window.addEventListener('unhandledrejection', (event) =>
  engineLog.error('unhandled rejection', { reason: String(event.reason), stack: stackOf(event.reason) }),
);
// Registration changes and each call's phases, by call id (never numbers' digits sent, never SDP).
let lastRegistration = '';
const callPhases = new Map<string, string>();
// `ice=complete` only comes from a host asked for stock JsSIP ICE timing (the call benchmark's comparison).
const hashParams = new URLSearchParams(window.location.hash.replace(/^#/, ''));
const iceGathering = hashParams.get('ice') === 'complete';
// `keepalive=<ms>` only comes from a host asked to compress idle time (bench:footprint's day of keepalives).
const keepalivePingMs = Number(hashParams.get('keepalive')) || undefined;
const engine = new PhoneEngine(
  {
    registration: (state) => {
      const change = { status: state.status, error: state.error ?? null, detail: state.detail ?? null };
      if (JSON.stringify(change) !== lastRegistration) engineLog.info('registration', change);
      lastRegistration = JSON.stringify(change);
      host.report('registration', state);
    },
    call: (snapshot) => {
      const { id: callId, direction, phase, outcome = null, endReason = null } = snapshot;
      if (callPhases.get(callId) !== phase) engineLog.info('call', { callId, direction, phase, outcome, endReason });
      if (phase === 'ended') callPhases.delete(callId);
      else callPhases.set(callId, phase);
      host.report('call', snapshot);
    },
    audio: (status) => host.report('audio', status),
  },
  {
    iceGathering: iceGathering ? 'complete' : 'policy',
    ...(keepalivePingMs ? { keepalive: { pingAfterMs: keepalivePingMs } } : {}),
  },
);

host.onCommand('register', (account) => engine.register(account));
host.onCommand('unregister', () => engine.unregister());
host.onCommand('dial', ({ callId, target, ...details }) => engine.dial(callId, target, details));
host.onCommand('answer', ({ callId }) => engine.answer(callId));
host.onCommand('autoAnswer', ({ callId }) => engine.autoAnswer(callId));
host.onCommand('decline', ({ callId }) => engine.decline(callId));
host.onCommand('hangup', ({ callId }) => engine.hangup(callId));
host.onCommand('mute', ({ callId, muted }) => engine.mute(callId, muted));
host.onCommand('hold', ({ callId, held, listening }) => engine.hold(callId, held, listening ?? false));
host.onCommand('sendDtmf', ({ callId, digits }) => engine.sendDtmf(callId, digits));
host.onCommand('sendPendingDigits', ({ callId }) => engine.sendPendingDigits(callId));
host.onCommand('transfer', ({ callId, target }) => engine.transfer(callId, target));
host.onCommand('completeTransfer', ({ callId, consultCallId }) => engine.completeTransfer(callId, consultCallId));
host.onCommand('chatOfferRing', ({ ringing }) => engine.chatOfferRing(ringing));
host.onCommand('audioSettings', (settings) => engine.devices.apply(settings));
engine.devices.start();
host.onCommand('networkChanged', ({ reason }) => engine.networkChanged(reason));
// Chromium follows the OS: 'online' after Wi-Fi comes back or switches, 'offline' when none is left.
window.addEventListener('online', () => engine.networkChanged('online'));
window.addEventListener('offline', () => engine.networkLost());

// Tests and the quality meter read media statistics from here; the UI never can (other window).
Object.assign(window, {
  switchboardEngine: {
    peerConnection: (callId: string) => engine.peerConnection(callId),
    audioRoute: () => engine.audioRoute(),
    refreshRegistration: () => engine.refreshRegistration(),
    inboundSipCounts: () => engine.inboundSipCounts(),
  },
});

host.report('ready', {});
