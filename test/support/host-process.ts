/**
 * A Switchboard app (browser host) in its own process, for tests that kill it
 * (SIGKILL) the way a crash or a power button would. It signs in with the
 * account saved in its data folder, answers the first incoming call, and
 * reports on stdout: `registered`, then `connected <answeredAt>`, then
 * `heartbeat` whenever the call log's heartbeat has been written.
 * Usage: node test/support/host-process.ts <dataDir>
 */
import { startBrowserHost } from '../../electron/host/browser-host.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: host-process.ts <dataDir>');
const host = await startBrowserHost({ dataDir, headless: true, systemLocale: 'en-US' });
const say = (line: string) => process.stdout.write(`${line}\n`);
let answered = false;
let registered = false;
setInterval(() => {
  const state = host.core.state.get();
  if (!registered && state.registration.status === 'registered') {
    registered = true;
    say('registered');
  }
  const call = state.calls[0];
  if (call?.phase === 'incoming' && !answered) {
    answered = true;
    host.core.calls.answer(call.id);
  }
  if (call?.phase === 'connected' && call.answeredAt) say(`connected ${call.answeredAt}`);
}, 100);
