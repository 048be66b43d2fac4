/**
 * Status-aware routing through the real switchboard: Kamailio asks the real provisioning service how to
 * route each new INVITE (docs/status-and-presence.md). Three signed-in people answer a hotline (8210) on
 * baresip phones (their device SIP accounts); the outside caller is a plain SIP phone (demo user 1001);
 * a fourth baresip registers as 王小明's mobile, a fifth is the demo desk phone (1003) the administrator gives 8001.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bestLoopedCorrelation } from '../test/support/audio-envelope.ts';
import { voiceEnvelope } from '../test/support/hearing.ts';
import { speakPhoneWav, wavStats } from './audio.ts';
import { startBaresip, type BaresipPhone } from './baresip.ts';
import { AgentStore } from './provisioning/agent-store.ts';
import { addCallGroup } from './provisioning/call-groups.ts';
import { openProvisioningDb } from './provisioning/db.ts';
import { demoMobile } from './provisioning/demo-data.ts';
import { provisioningPaths } from './provisioning/paths.ts';
import type { SignInResult } from './provisioning/service.ts';
import { RecordingCodeCaller } from './provisioning/test-support/recording-code-caller.ts';
import { startSwitchboard, type RunningSwitchboard } from './switchboard.ts';
import { demoUsers } from './users.ts';

/** Demo people: 8001 王小明 (demoMobile), 8002 李娜, 8003 Anna Schmidt. */
const people = [
  { extension: '8001', mobile: demoMobile },
  { extension: '8002', mobile: '+8613900139000' },
  { extension: '8003', mobile: '+4915112345678' },
] as const;
const hotline = '8210';
const RING_TIMEOUT_SEC = 5;
const mobileUser = { user: demoMobile.replace('+', ''), password: 'mobile-pass-1', displayName: 'Xiaoming mobile' };

/** The last INVITE in a baresip SIP trace (`-s`), from its request line to the blank line after the headers. */
function lastInvite(trace: string): string {
  const start = trace.lastIndexOf('INVITE sip:');
  if (start < 0) return '';
  const end = trace.indexOf('\r\n\r\n', start);
  return trace.slice(start, end < 0 ? undefined : end);
}

type Person = { extension: string; token: string; phone: BaresipPhone };

describe('group calls, status and mobile mode through the real switchboard', () => {
  let switchboard: RunningSwitchboard;
  const codes = new RecordingCodeCaller();
  const phones: BaresipPhone[] = [];
  const person: Record<string, Person> = {};
  let outside: BaresipPhone;
  let outsideHeard: string;
  let mobile: BaresipPhone;
  let deskPhone: BaresipPhone;

  const api = async (path: string, init: { method: string; token?: string; body?: unknown }) => {
    const res = await fetch(`${switchboard.provisioningUrl}${path}`, {
      method: init.method,
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
  };

  const signIn = async (mobileNumber: string): Promise<SignInResult> => {
    const lookup = await api('/v1/sign-in/lookup', { method: 'POST', body: { mobile: mobileNumber } });
    const companyId = (lookup.body['companies'] as { id: number }[])[0]!.id;
    await api('/v1/sign-in/code', { method: 'POST', body: { mobile: mobileNumber, companyId, language: 'en' } });
    const verify = await api('/v1/sign-in/verify', {
      method: 'POST',
      body: { mobile: mobileNumber, companyId, code: codes.lastCode(mobileNumber), deviceName: 'desk' },
    });
    expect(verify.status).toBe(200);
    return verify.body as unknown as SignInResult;
  };

  const phone = async (...args: Parameters<typeof startBaresip>) => {
    const started = await startBaresip(...args);
    phones.push(started);
    await started.waitForRegistered();
    return started;
  };

  const setStatus = async (extension: string, status: string, reason?: string) => {
    const res = await api('/v1/status', {
      method: 'PUT',
      token: person[extension]!.token,
      body: { status, ...(reason ? { reason } : {}) },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  const presenceOf = async (extension: string) => {
    const snapshot = await api('/v1/presence', { method: 'GET', token: person[extension]!.token });
    expect(snapshot.status).toBe(200);
    return snapshot.body['me'] as { status: string; reason: string | null };
  };

  /** Everything the phone got since `from` (its event list index), by type. */
  const eventsSince = (p: BaresipPhone, from: number, type: string) =>
    p.events.slice(from).filter((e) => e.type === type);

  beforeAll(async () => {
    switchboard = await startSwitchboard({ provisioning: { codeCaller: codes } });
    const first = await signIn(people[0].mobile);
    const results = [first, await signIn(people[1].mobile), await signIn(people[2].mobile)];
    // A hotline of our own with a short ring timeout (the demo hotline 8200 rings each member for 20 s).
    const db = openProvisioningDb(provisioningPaths(switchboard.runDir).db);
    try {
      addCallGroup(db, first.person.company.id, {
        number: hotline,
        name: 'Test hotline',
        members: people.map((p) => p.extension),
        ringTimeoutSec: RING_TIMEOUT_SEC,
      });
    } finally {
      db.close();
    }
    for (const result of results) {
      const p = await phone({
        switchboard,
        sipTrace: true,
        user: { user: result.sip.username, password: result.sip.password, displayName: result.sip.displayName },
      });
      person[result.sip.username] = { extension: result.sip.username, token: result.device.token, phone: p };
    }
    outsideHeard = join(switchboard.runDir, 'outside-heard.wav');
    outside = await phone({ switchboard, user: demoUsers[0]!, recordWav: outsideHeard });
    await switchboard.addUser(mobileUser);
    mobile = await phone({ switchboard, user: mobileUser });
    deskPhone = await phone({ switchboard, user: demoUsers[2]! });
  });

  afterAll(async () => {
    for (const p of phones) await p.stop();
    await switchboard?.stop();
  });

  it('a group call rings only available members, longest idle first; a ring-out makes the member Busy and moves on', async () => {
    // 8002 became available before 8001 (longest idle); 8003 is on a break.
    await setStatus('8003', 'break', 'Lunch');
    await setStatus('8001', 'busy');
    await setStatus('8002', 'busy');
    await setStatus('8002', 'available');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await setStatus('8001', 'available');
    const marks = Object.fromEntries(Object.values(person).map((p) => [p.extension, p.phone.events.length]));

    const dialedAt = Date.now();
    await outside.dial(hotline);
    const first = await person['8002']!.phone.waitForEvent('CALL_INCOMING', 5000);
    expect(eventsSince(person['8001']!.phone, marks['8001']!, 'CALL_INCOMING')).toHaveLength(0);
    // 8002 lets it ring: after the group's ring timeout the call moves to 8001.
    const second = await person['8001']!.phone.waitForEvent('CALL_INCOMING', (RING_TIMEOUT_SEC + 4) * 1000);
    const rangFor = (second.at - first.at) / 1000;
    console.log(
      `8002 rang ${rangFor.toFixed(1)} s before the call moved to 8001 (${((first.at - dialedAt) / 1000).toFixed(1)} s to the first ring)`,
    );
    expect(rangFor).toBeGreaterThan(RING_TIMEOUT_SEC - 1);
    expect(rangFor).toBeLessThan(RING_TIMEOUT_SEC + 3);
    await person['8002']!.phone.waitForEvent('CALL_CLOSED', 3000);
    expect(await presenceOf('8002')).toMatchObject({ status: 'busy', reason: 'not-responding' });
    // Each member's INVITE says how long it rings and for which group (the app's countdown and group name).
    const invite = lastInvite(await readFile(person['8002']!.phone.logFile, 'utf8'));
    expect(invite).toContain(`X-Switchboard-Ring-Timeout: ${RING_TIMEOUT_SEC}`);
    expect(invite).toContain(`X-Switchboard-Group: ${hotline}`);

    await person['8001']!.phone.answer();
    await outside.waitForEvent('CALL_ESTABLISHED', 5000);
    await person['8001']!.phone.waitForEvent('CALL_ESTABLISHED', 5000);
    expect(eventsSince(person['8003']!.phone, marks['8003']!, 'CALL_INCOMING')).toHaveLength(0);
    // Media follows the call to the second member (rtpengine kept the caller's side across the branches).
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await outside.hangup();
    await outside.waitForEvent('CALL_CLOSED');
    await person['8001']!.phone.waitForEvent('CALL_CLOSED');
    const heard = await wavStats(outsideHeard);
    expect(heard.seconds).toBeGreaterThan(1.5);
    // 8001's phone plays a tone at 0.3; silence would be far below 0.01.
    expect(heard.rms).toBeGreaterThan(0.01);
  });

  it('a decline moves the call on without making the member Busy; a caller who gives up frees the member', async () => {
    await setStatus('8003', 'break', 'Lunch');
    await setStatus('8002', 'busy');
    await setStatus('8001', 'busy');
    await setStatus('8002', 'available');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await setStatus('8001', 'available');

    await outside.dial(hotline);
    await person['8002']!.phone.waitForEvent('CALL_INCOMING', 5000);
    await person['8002']!.phone.hangup(); // declines (486)
    await person['8002']!.phone.waitForEvent('CALL_CLOSED', 3000);
    await person['8001']!.phone.waitForEvent('CALL_INCOMING', 3000);
    expect((await presenceOf('8002')).status).toBe('available');

    // The caller hangs up while 8001 rings: 8001 is not "not responding", and nobody stays marked as ringing.
    await outside.hangup();
    await outside.waitForEvent('CALL_CLOSED', 3000);
    await person['8001']!.phone.waitForEvent('CALL_CLOSED', 3000);
    expect((await presenceOf('8001')).status).toBe('available');

    await outside.dial(hotline);
    await person['8002']!.phone.waitForEvent('CALL_INCOMING', 5000);
    await outside.hangup();
    await outside.waitForEvent('CALL_CLOSED', 3000);
    await person['8002']!.phone.waitForEvent('CALL_CLOSED', 3000);
  });

  it('a Busy member still gets a direct call', async () => {
    await setStatus('8002', 'busy');
    await outside.dial('8002');
    await person['8002']!.phone.waitForEvent('CALL_INCOMING', 5000);
    await person['8002']!.phone.answer();
    await outside.waitForEvent('CALL_ESTABLISHED', 5000);
    await outside.hangup();
    await outside.waitForEvent('CALL_CLOSED');
    await person['8002']!.phone.waitForEvent('CALL_CLOSED');
  });

  it('an Offline member gets no call (480) and cannot call out (403)', async () => {
    await setStatus('8003', 'offline');
    const mark = person['8003']!.phone.events.length;
    await outside.dial('8003');
    const refused = await outside.waitForEvent('CALL_CLOSED', 5000);
    expect(String(refused['param'])).toMatch(/^480/);
    expect(eventsSince(person['8003']!.phone, mark, 'CALL_INCOMING')).toHaveLength(0);

    await person['8003']!.phone.dial(demoUsers[0]!.user);
    const own = await person['8003']!.phone.waitForEvent('CALL_CLOSED', 5000);
    expect(String(own['param'])).toMatch(/^403/);
  });

  it('with nobody available the caller hears the announcement and the call ends', async () => {
    // 8001 is in after-call work or available again; make sure nobody is available.
    await setStatus('8001', 'busy');
    await setStatus('8002', 'busy');
    expect(switchboard.announcementLine).not.toBeNull();
    const answeredBefore = switchboard.announcementLine!.answered;
    await outside.dial(hotline);
    await outside.waitForEvent('CALL_ESTABLISHED', 5000);
    const closed = await outside.waitForEvent('CALL_CLOSED', 20_000);
    expect(switchboard.announcementLine!.answered).toBe(answeredBefore + 1);
    console.log(`announcement call closed: ${String(closed['param'])}`);

    const message = join(switchboard.runDir, `announcement-${switchboard.announcementLine!.user}`, 'message.wav');
    const control = join(switchboard.runDir, 'control-voice.wav');
    await speakPhoneWav(control, 'The quarterly report is due on Friday, please send it to the finance team.');
    const heard = voiceEnvelope(outsideHeard);
    const voice = bestLoopedCorrelation(heard, voiceEnvelope(message));
    const other = bestLoopedCorrelation(heard, voiceEnvelope(control));
    console.log(`caller heard the announcement: ${voice.toFixed(2)} (control ${other.toFixed(2)})`);
    expect(voice).toBeGreaterThan(other + 0.15);
  });

  it('in mobile mode a direct call rings the mobile, not the desk', async () => {
    const res = await api('/v1/ring-target', {
      method: 'PUT',
      token: person['8001']!.token,
      body: { ringTarget: 'mobile' },
    });
    expect(res.status).toBe(200);
    const desk = person['8001']!.phone.events.length;
    await outside.dial('8001');
    const ringing = await mobile.waitForEvent('CALL_INCOMING', 5000);
    expect(String(ringing['peeruri'])).toContain(`sip:${demoUsers[0]!.user}@`);
    expect(eventsSince(person['8001']!.phone, desk, 'CALL_INCOMING')).toHaveLength(0);
    await mobile.answer();
    await mobile.waitForEvent('CALL_ESTABLISHED', 5000);
    await outside.waitForEvent('CALL_ESTABLISHED', 5000);
    await outside.hangup();
    await mobile.waitForEvent('CALL_CLOSED');
    await outside.waitForEvent('CALL_CLOSED');
  });

  it('a callback rings the mobile first, then connects it to the callee', async () => {
    const callee = person['8002']!.phone;
    const mode = await api('/v1/ring-target', {
      method: 'PUT',
      token: person['8001']!.token,
      body: { ringTarget: 'mobile' },
    });
    expect(mode.status).toBe(200);
    const res = await api('/v1/callback', { method: 'POST', token: person['8001']!.token, body: { to: '8002' } });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const ringing = await mobile.waitForEvent('CALL_INCOMING', 5000);
    expect(String(ringing['peeruri'])).toMatch(/^sip:callback-line@/);
    await mobile.answer();
    await mobile.waitForEvent('CALL_ESTABLISHED', 5000);

    const incoming = await callee.waitForEvent('CALL_INCOMING', 10_000);
    // The mobile itself calls the callee (REFER), so the callee sees the mobile's number.
    expect(String(incoming['peeruri'])).toContain(`sip:${mobileUser.user}@`);
    await callee.answer();
    await callee.waitForEvent('CALL_ESTABLISHED', 5000);
    const connected = await mobile.waitForEvent('CALL_ESTABLISHED', 5000);
    expect(String(connected['peeruri'])).toMatch(/^sip:8002@/);
    // The callback line drops out once the mobile is through.
    const lineLeft = await mobile.waitForEvent('CALL_CLOSED', 5000);
    expect(String(lineLeft['peeruri'])).toMatch(/^sip:callback-line@/);
    await callee.hangup();
    await callee.waitForEvent('CALL_CLOSED');
    await mobile.waitForEvent('CALL_CLOSED');
  });

  it('with "desk phone" chosen at the station step a call to the extension rings the desk phone line, not the app', async () => {
    const db = openProvisioningDb(provisioningPaths(switchboard.runDir).db);
    try {
      new AgentStore(db).setDeskPhone('8001', demoUsers[2]!.user);
    } finally {
      db.close();
    }
    const res = await api('/v1/ring-target', {
      method: 'PUT',
      token: person['8001']!.token,
      body: { ringTarget: 'desk' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const app = person['8001']!.phone.events.length;
    const mobileBefore = mobile.events.length;
    await outside.dial('8001');
    const ringing = await deskPhone.waitForEvent('CALL_INCOMING', 5000);
    expect(String(ringing['peeruri'])).toContain(`sip:${demoUsers[0]!.user}@`);
    await deskPhone.answer();
    await deskPhone.waitForEvent('CALL_ESTABLISHED', 5000);
    await outside.waitForEvent('CALL_ESTABLISHED', 5000);
    expect(eventsSince(person['8001']!.phone, app, 'CALL_INCOMING')).toHaveLength(0);
    expect(eventsSince(mobile, mobileBefore, 'CALL_INCOMING')).toHaveLength(0);
    await outside.hangup();
    await deskPhone.waitForEvent('CALL_CLOSED');
    await outside.waitForEvent('CALL_CLOSED');
  });

  it('with a typed number chosen a call to the extension rings that number, as mobile mode rings the mobile', async () => {
    const spaced = `${demoMobile.slice(0, 3)} ${demoMobile.slice(3, 6)} ${demoMobile.slice(6)}`;
    const bad = await api('/v1/ring-target', {
      method: 'PUT',
      token: person['8001']!.token,
      body: { ringTarget: 'number', number: '0701234' },
    });
    expect(bad).toMatchObject({ status: 400, body: { code: 'invalid-number' } });
    const res = await api('/v1/ring-target', {
      method: 'PUT',
      token: person['8001']!.token,
      body: { ringTarget: 'number', number: spaced },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const app = person['8001']!.phone.events.length;
    const deskBefore = deskPhone.events.length;
    await outside.dial('8001');
    await mobile.waitForEvent('CALL_INCOMING', 5000);
    await mobile.answer();
    await mobile.waitForEvent('CALL_ESTABLISHED', 5000);
    await outside.waitForEvent('CALL_ESTABLISHED', 5000);
    expect(eventsSince(person['8001']!.phone, app, 'CALL_INCOMING')).toHaveLength(0);
    expect(eventsSince(deskPhone, deskBefore, 'CALL_INCOMING')).toHaveLength(0);
    await outside.hangup();
    await mobile.waitForEvent('CALL_CLOSED');
    await outside.waitForEvent('CALL_CLOSED');
  });
});
