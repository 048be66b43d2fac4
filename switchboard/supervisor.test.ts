import { describe, expect, it } from 'vitest';
import { recordingLog } from './log.ts';
import { Supervised, type SupervisedChild } from './supervisor.ts';

type FakeChild = SupervisedChild & { crash(): void; stopped: boolean };

/** Children that crash when told; each start gets the next pid. */
function fakeChildren(options: { failStarts?: number } = {}) {
  let nextPid = 100;
  let failures = options.failStarts ?? 0;
  const started: FakeChild[] = [];
  const start = async (): Promise<FakeChild> => {
    if (started.length > 0 && failures > 0) {
      failures--;
      throw new Error('port still taken');
    }
    let exit: (code: unknown) => void = () => {};
    const child: FakeChild = {
      pid: nextPid++,
      exited: new Promise((resolve) => (exit = resolve)),
      stopped: false,
      crash: () => exit('SIGSEGV'),
      stop: async () => {
        child.stopped = true;
        exit(0);
      },
    };
    started.push(child);
    return child;
  };
  return { start, started };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('supervised children', () => {
  it('starts a crashed child again after the backoff and says so in the log', async () => {
    const log = recordingLog();
    const children = fakeChildren();
    const other = fakeChildren();
    const kamailio = await Supervised.start('kamailio', children.start, { log, initialBackoffMs: 20 });
    const rtpengine = await Supervised.start('rtpengine', other.start, { log, initialBackoffMs: 20 });
    children.started[0]!.crash();
    await tick(5);
    expect(kamailio.pid()).toBeNull();
    await expect.poll(() => kamailio.pid()).toBe(101);
    expect(kamailio.restarts).toBe(1);
    expect(rtpengine.pid()).toBe(100);
    expect(other.started).toHaveLength(1);
    expect(log.lines.map((line) => line.message)).toEqual([
      'kamailio exited unexpectedly; restarting it',
      'kamailio restarted',
    ]);
    expect(log.lines[0]!.fields).toMatchObject({ pid: 100, exit: 'SIGSEGV', inMs: 20 });
    await Promise.all([kamailio.stop(), rtpengine.stop()]);
  });

  it('waits twice as long after each crash in a row, up to the cap', async () => {
    const log = recordingLog();
    const children = fakeChildren();
    const line = await Supervised.start('line', children.start, { log, initialBackoffMs: 10, maxBackoffMs: 40 });
    for (let crash = 0; crash < 4; crash++) {
      const pid = line.pid();
      children.started.at(-1)!.crash();
      await expect.poll(() => line.pid() !== null && line.pid() !== pid).toBe(true);
    }
    const waits = log.lines.filter((l) => l.message.includes('exited')).map((l) => l.fields['inMs']);
    expect(waits).toEqual([10, 20, 40, 40]);
    await line.stop();
  });

  it('tries again when a restart fails, and logs each failure', async () => {
    const log = recordingLog();
    const children = fakeChildren({ failStarts: 2 });
    const line = await Supervised.start('rtpengine', children.start, { log, initialBackoffMs: 5 });
    children.started[0]!.crash();
    await expect.poll(() => line.pid()).toBe(101);
    expect(log.lines.filter((l) => l.message === 'rtpengine did not start again; trying later')).toHaveLength(2);
    await line.stop();
  });

  it('stop() wins over a restart on its way: nothing is left running', async () => {
    const children = fakeChildren();
    const line = await Supervised.start('line', children.start, { log: recordingLog(), initialBackoffMs: 30 });
    children.started[0]!.crash();
    await tick(5);
    await line.stop();
    await tick(60);
    expect(children.started).toHaveLength(1);
    expect(line.pid()).toBeNull();
  });

  it('a stopped child stays stopped until start(), and an asked-for stop is not a crash', async () => {
    const log = recordingLog();
    const children = fakeChildren();
    const kamailio = await Supervised.start('kamailio', children.start, { log, initialBackoffMs: 5 });
    await kamailio.stop();
    await tick(20);
    expect(children.started).toHaveLength(1);
    expect(children.started[0]!.stopped).toBe(true);
    await kamailio.start();
    expect(kamailio.pid()).toBe(101);
    expect(log.lines).toEqual([]);
    await kamailio.stop();
  });

  it('restart() replaces a healthy child at once and tells onRestarted', async () => {
    const restarted: number[] = [];
    const children = fakeChildren();
    const line = await Supervised.start('announcement line', children.start, {
      log: recordingLog(),
      onRestarted: (child) => void restarted.push(child.pid),
    });
    await line.restart('Kamailio restarted: register again');
    expect(children.started[0]!.stopped).toBe(true);
    expect(line.pid()).toBe(101);
    expect(restarted).toEqual([101]);
    await line.stop();
  });
});
