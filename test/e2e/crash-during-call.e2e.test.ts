/**
 * A crash during a call loses nothing: the app's process is killed with SIGKILL in
 * the middle of a call, started again on the same data, and its history shows the
 * call as interrupted, with an end time between the last heartbeat and the kill.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallLogStore } from '../../electron/services/call-log/index.ts';
import { demoUsers } from '../../switchboard/index.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const [alice, bob] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0]];
const HOST_PROCESS = resolve(import.meta.dirname, '../support/host-process.ts');

describe('a crash during a call', () => {
  const { apps, startApp } = useSignedInApps({ apps: { caller: { signIn: { sipAccount: bob } } } });
  let crashed: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-crash-'));

  beforeAll(async () => {
    // Alice signs in once through the UI, so her account is saved in dataDir.
    const first = await startApp({ signIn: { sipAccount: alice }, dataDir });
    await first.stop();
  });

  afterAll(() => {
    if (crashed?.pid) killGroup(crashed.pid);
  });

  it('keeps the call in the history as interrupted, ending between the last heartbeat and the kill', async () => {
    // Its own process group, so the kill takes its Chromium down with it, as a crash would.
    crashed = spawn(process.execPath, [HOST_PROCESS, dataDir], {
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: crashed.stdout! });
    const seen = (prefix: string) =>
      new Promise<string>((done) => lines.on('line', (line) => line.startsWith(prefix) && done(line)));
    await seen('registered');
    await apps.caller.dial(alice.user);
    const answeredAt = Number((await seen('connected')).split(' ')[1]);
    await apps.caller.waitForCallPhase('connected');
    // Past the first heartbeat (every 5 s), then the crash.
    await new Promise((done) => setTimeout(done, 7_000));
    const killedAt = Date.now();
    killGroup(crashed.pid!);
    await apps.caller.hangup();

    const restarted = await startApp({ dataDir });
    await restarted.waitForRegistration('registered');
    const [row] = await restarted.callLogRows();
    expect(row).toMatchObject({ direction: 'incoming', outcome: 'interrupted' });
    expect(row!.text).toMatch(/Interrupted/);
    await restarted.stop();
    const store = CallLogStore.open(join(dataDir, 'calls.sqlite'));
    const [entry] = store.list({ limit: 5 });
    store.close();
    expect(entry).toMatchObject({ outcome: 'interrupted', answeredAt });
    expect(entry!.endedAt!).toBeGreaterThanOrEqual(answeredAt + 4_000);
    expect(entry!.endedAt!).toBeLessThanOrEqual(killedAt);
    expect(entry!.durationSec).toBeGreaterThanOrEqual(4);
  });
});

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
