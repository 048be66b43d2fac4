/** Entry of the hidden engine window: binds the phone engine to main's commands. */
import { getEngineHostApi } from '../bridge/engine-host-api.ts';
import { PhoneEngine } from './phone-engine.ts';

const host = getEngineHostApi();
const engine = new PhoneEngine({
  registration: (state) => host.report('registration', state),
  call: (snapshot) => host.report('call', snapshot),
});

host.onCommand('register', (account) => engine.register(account));
host.onCommand('unregister', () => engine.unregister());
host.onCommand('dial', ({ callId, target }) => engine.dial(callId, target));
host.onCommand('answer', ({ callId }) => engine.answer(callId));
host.onCommand('decline', ({ callId }) => engine.decline(callId));
host.onCommand('hangup', ({ callId }) => engine.hangup(callId));

// Tests and the quality meter read media statistics from here; the UI never can (other window).
Object.assign(window, { switchboardEngine: { peerConnection: (callId: string) => engine.peerConnection(callId) } });

host.report('ready', {});
