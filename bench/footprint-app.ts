/**
 * One Switchboard app (browser host) in its own process for bench/footprint.bench.ts, so that its
 * memory is the memory of its own process tree and its start is a cold start of Node.
 * Usage: node bench/footprint-app.ts <dataDir> <keepaliveMs|0> [fresh]  (fresh: no saved account yet)
 *
 * Reports on stdout, one line each, `<mark> <epoch ms>`: `imported` (the host's modules loaded),
 * `composed`, `chromium` (browser and context up), `started`, `painted` (the UI window shows the
 * registration badge), `registered` (the badge says registered), then `ready`.
 * Reads commands on stdin, answering `done <command>` (or `failed <command> <why>`):
 *   signin <json SipAccountInput>  sign in (the account is saved for the next start)
 *   close-ui / open-ui             close the UI window to the tray / open it again (painted, registered)
 *   calls <n> <target>             n calls to target (which answers), each hung up after connecting
 *   presence <n> <ms>              n colleagues' presence changes, spread over ms (the stream's deltas)
 *   idle <ms>                      nothing for ms (the engine's keepalive runs at the rate it was given)
 */
const launchedAt = Date.now();
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import type { SipAccountInput } from '../src/shared/domain.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const mark = (what: string) => say(`${what} ${Date.now()}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const [dataDir, keepaliveArg, fresh] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: footprint-app.ts <dataDir> <keepaliveMs|0> [fresh]');
say(`launched ${launchedAt}`);
const { startBrowserHost } = await import('../electron/host/browser-host.ts');
mark('imported');
const host = await startBrowserHost({
  dataDir,
  headless: true,
  systemLocale: 'en-US',
  onStartStep: mark,
  ...(Number(keepaliveArg) ? { engineKeepaliveMs: Number(keepaliveArg) } : {}),
});

async function shown(page: Page, timeoutMs = 20_000): Promise<void> {
  const badge = page.getByTestId('registration-status');
  await badge.waitFor({ timeout: timeoutMs });
  mark('painted');
  await page.locator('[data-testid="registration-status"][data-status="registered"]').waitFor({ timeout: timeoutMs });
  mark('registered');
}

async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

async function calls(n: number, target: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    const outcome = await host.core.calls.dial(target);
    if (outcome.kind !== 'call') throw new Error(`dial: ${JSON.stringify(outcome)}`);
    const phase = () => host.core.state.get().calls.find((call) => call.id === outcome.callId)?.phase;
    await until('connected', () => phase() === 'connected');
    host.core.calls.hangup(outcome.callId);
    await until('ended', () => host.core.state.get().calls.every((call) => call.phase === 'ended'));
    // rtpengine and the far end tear the call down before the next one.
    await sleep(100);
  }
}

/**
 * The presence stream's deltas as the agent service applies them (its store is private: the bench
 * reaches in, as the stream's parser would hand it `presence` events from a company of 200).
 */
async function presence(n: number, spreadMs: number): Promise<void> {
  const store = (host.core.agent as unknown as { store: { update(p: unknown): void } }).store;
  const statuses = ['available', 'busy', 'away', 'offline'] as const;
  for (let i = 0; i < n; i++) {
    store.update({
      extension: String(2000 + (i % 200)),
      status: statuses[i % statuses.length],
      reason: null,
      since: Date.now(),
      acwUntil: null,
      idleSince: Date.now(),
      ringTarget: 'computer',
    });
    if (i % 20 === 19) await sleep((spreadMs * 20) / n);
  }
}

if (!fresh) await shown(host.uiPage!);
mark('ready');

const commands: Record<string, (args: string[]) => Promise<unknown>> = {
  signin: async ([json]) => {
    await host.core.session.signIn(JSON.parse(json!) as SipAccountInput);
    await until('registered', () => host.core.state.get().registration.status === 'registered');
  },
  'close-ui': async () => host.uiPage?.close(),
  'open-ui': async () => shown(await host.openUiWindow()),
  calls: ([n, target]) => calls(Number(n), target!),
  presence: ([n, ms]) => presence(Number(n), Number(ms)),
  idle: ([ms]) => sleep(Number(ms)),
  stop: async () => {
    await host.stop();
    setImmediate(() => process.exit(0));
  },
};

for await (const line of createInterface({ input: process.stdin })) {
  const [name, ...args] = line.split(' ');
  const rest = name === 'signin' ? [args.join(' ')] : args;
  try {
    await commands[name!]!(rest);
    say(`done ${name}`);
  } catch (error) {
    say(`failed ${name} ${String(error).replaceAll('\n', ' ')}`);
  }
}
