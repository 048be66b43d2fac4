/**
 * Serial group hunting keeps the media right across branches of different kinds: a hotline call first
 * rings a plain SIP desk phone (RTP/AVP) that lets it ring out, then a Switchboard app (WebRTC, DTLS-SRTP)
 * that answers. rtpengine keeps the caller's side across the branches and re-offers to each member
 * (switchboard/kamailio/service-routing.cfg), so both directions must be heard.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wavStats } from '../../switchboard/audio.ts';
import { startBaresip, type BaresipPhone } from '../../switchboard/baresip.ts';
import { demoUsers, startSwitchboard, type RunningSwitchboard } from '../../switchboard/index.ts';
import { addCallGroup } from '../../switchboard/provisioning/call-groups.ts';
import { openProvisioningDb } from '../../switchboard/provisioning/db.ts';
import { provisioningPaths } from '../../switchboard/provisioning/paths.ts';
import type { SignInResult } from '../../switchboard/provisioning/service.ts';
import { RecordingCodeCaller } from '../../switchboard/provisioning/test-support/recording-code-caller.ts';
import { startApp, type AppDriver } from '../support/app-driver.ts';
import { hears, isClear, voiceEnvelope } from '../support/hearing.ts';
import { renderVoice } from '../support/voices.ts';

const hotline = '8220';

describe('a group call that moves from a desk phone to an app', () => {
  let switchboard: RunningSwitchboard;
  let app: AppDriver;
  let desk: BaresipPhone;
  let caller: BaresipPhone;
  const codes = new RecordingCodeCaller();
  const voices = mkdtempSync(join(tmpdir(), 'switchboard-voices-'));
  const callerWav = renderVoice('alice', voices);
  // baresip plays its file once: long enough for the ring-out and the whole listening window.
  const callerLoop = join(voices, 'alice-looped.wav');
  execFileSync('sox', [callerWav, callerLoop, 'repeat', '8']);
  let callerHeard: string;

  const api = async (path: string, method: string, body: unknown, token?: string) => {
    const res = await fetch(`${switchboard.provisioningUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    expect(res.status, path).toBeLessThan(300);
    return (await res.json()) as Record<string, unknown>;
  };
  const signIn = async (mobile: string): Promise<SignInResult> => {
    const lookup = await api('/v1/sign-in/lookup', 'POST', { mobile });
    const companyId = (lookup['companies'] as { id: number }[])[0]!.id;
    await api('/v1/sign-in/code', 'POST', { mobile, companyId, language: 'en' });
    const code = codes.lastCode(mobile);
    return (await api('/v1/sign-in/verify', 'POST', { mobile, companyId, code, deviceName: 'test' })) as SignInResult;
  };

  beforeAll(async () => {
    switchboard = await startSwitchboard({ provisioning: { codeCaller: codes } });
    const wang = await signIn('+8613800138000'); // 8001, on the app
    const li = await signIn('+8613900139000'); // 8002, on a desk phone
    const db = openProvisioningDb(provisioningPaths(switchboard.runDir).db);
    try {
      addCallGroup(db, wang.person.company.id, {
        number: hotline,
        name: 'Hotline',
        members: ['8001', '8002'],
        ringTimeoutSec: 5,
      });
    } finally {
      db.close();
    }
    callerHeard = join(switchboard.runDir, 'caller-heard.wav');
    [app, desk, caller] = await Promise.all([
      startApp({ switchboard, microphoneWav: renderVoice('bob', voices) }),
      startBaresip({ switchboard, user: { user: li.sip.username, password: li.sip.password, displayName: 'Li' } }),
      startBaresip({ switchboard, user: demoUsers[0]!, playWav: callerLoop, recordWav: callerHeard }),
    ]);
    await app.signIn({ user: wang.sip.username, password: wang.sip.password, displayName: 'Wang' });
    await Promise.all([app.waitForRegistration('registered'), desk.waitForRegistered(), caller.waitForRegistered()]);
    // The desk phone has been idle longest, so it rings first.
    await api('/v1/status', 'PUT', { status: 'busy' }, li.device.token);
    await api('/v1/status', 'PUT', { status: 'busy' }, wang.device.token);
    await api('/v1/status', 'PUT', { status: 'available' }, li.device.token);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await api('/v1/status', 'PUT', { status: 'available' }, wang.device.token);
  });

  afterAll(async () => {
    await Promise.allSettled([app?.stop(), desk?.stop(), caller?.stop()]);
    await switchboard?.stop();
  });

  it('the desk phone rings out, the app answers, and caller and app hear each other', async () => {
    await caller.dial(hotline);
    await desk.waitForEvent('CALL_INCOMING', 5000);
    await app.waitForIncomingCall(12_000);
    await desk.waitForEvent('CALL_CLOSED', 3000);
    await app.answer();
    await app.waitForCallPhase('connected');
    await caller.waitForEvent('CALL_ESTABLISHED', 5000);

    const heard = await hears(app, voiceEnvelope(callerWav), voiceEnvelope(renderVoice('control', voices)), {
      label: 'the app hears the caller (control: another voice)',
    });
    expect(isClear(heard)).toBe(true);
    await caller.hangup();
    await caller.waitForEvent('CALL_CLOSED');
    const callerGot = await wavStats(callerHeard);
    console.log(`the caller heard ${callerGot.seconds.toFixed(1)} s at RMS ${callerGot.rms.toFixed(3)}`);
    // The app's microphone is a voice at normal level; silence would be far below 0.01.
    expect(callerGot.rms).toBeGreaterThan(0.01);
  });
});
