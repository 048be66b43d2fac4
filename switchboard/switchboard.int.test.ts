import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSpeechWav, wavStats } from './audio.ts';
import { startBaresip, type BaresipPhone } from './baresip.ts';
import { sipUdpAnswers } from './probes.ts';
import { startSwitchboard, type RunningSwitchboard } from './switchboard.ts';
import type { SwitchboardUser } from './users.ts';

const alice: SwitchboardUser = { user: '2001', password: 'a-Pass#1', displayName: 'Alice 爱丽丝' };
const bob: SwitchboardUser = { user: '2002', password: 'b-pass-2', displayName: 'Bob' };
const carol: SwitchboardUser = { user: '2003', password: 'c-pass-3', displayName: 'Carol (never registers)' };

/** Every live process whose process group is one of `groups` (kamailio's forked children included). */
function processesInGroups(groups: number[]): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(join('/proc', entry, 'stat'), 'utf8');
      // Fields after the ")" of the command name: state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z' && groups.includes(Number(fields[2]))) found.push(Number(entry));
    } catch {
      // process vanished while scanning
    }
  }
  return found;
}

describe('reference switchboard with plain SIP phones', () => {
  let switchboard: RunningSwitchboard;
  const phones: BaresipPhone[] = [];
  const groups: number[] = [];

  const phone = async (...args: Parameters<typeof startBaresip>) => {
    const started = await startBaresip(...args);
    phones.push(started);
    groups.push(started.pid);
    return started;
  };

  beforeAll(async () => {
    switchboard = await startSwitchboard({ users: [alice, bob, carol] });
    groups.push(...switchboard.pids());
  });

  afterAll(async () => {
    for (const p of phones) await p.stop();
    await switchboard?.stop();
  });

  it('registers two phones and carries audio A → B through rtpengine', async () => {
    const speech = join(switchboard.runDir, 'speech.wav');
    await makeSpeechWav(speech, 'Hello Bob, this is Alice calling through the switchboard.', 15);
    const heard = join(switchboard.runDir, 'bob-heard.wav');
    const a = await phone({ switchboard, user: alice, playWav: speech });
    const b = await phone({ switchboard, user: bob, autoAnswer: true, recordWav: heard });
    await Promise.all([a.waitForRegistered(), b.waitForRegistered()]);

    await a.dial(bob.user);
    await a.waitForEvent('CALL_ESTABLISHED');
    await b.waitForEvent('CALL_ESTABLISHED');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await a.hangup();
    await a.waitForEvent('CALL_CLOSED');
    await b.waitForEvent('CALL_CLOSED');

    const stats = await wavStats(heard);
    expect(stats.seconds).toBeGreaterThan(2);
    // Speech at normal level has RMS around 0.05-0.2; silence or comfort noise is far below 0.01.
    expect(stats.rms).toBeGreaterThan(0.01);

    const rtpengineLog = readFileSync(join(switchboard.runDir, 'rtpengine.log'), 'utf8');
    expect(rtpengineLog).toContain("Received command 'offer'");
    expect(rtpengineLog).toContain("Received command 'answer'");
  });

  it('answers 404 for a user that is not registered', async () => {
    const a = phones[0]!;
    await a.dial(carol.user);
    const closed = await a.waitForEvent('CALL_CLOSED');
    expect(String(closed['param'])).toMatch(/404/);
  });

  it('refuses a wrong password', async () => {
    const intruder = await phone({ switchboard, user: { ...bob, password: 'wrong' } });
    await expect(intruder.waitForRegistered(8000)).rejects.toThrow(/registration failed: 401/);
  });

  it('can stop and restart kamailio on the same ports', async () => {
    await switchboard.stopKamailio();
    expect(await sipUdpAnswers(switchboard.udpPort)).toBe(false);
    await switchboard.startKamailio();
    groups.push(...switchboard.pids());
    expect(await sipUdpAnswers(switchboard.udpPort)).toBe(true);
  });

  it('stop() leaves no processes behind', async () => {
    expect(processesInGroups(groups).length).toBeGreaterThan(0);
    for (const p of phones.splice(0)) await p.stop();
    await switchboard.stop();
    expect(processesInGroups(groups)).toEqual([]);
  });
});
