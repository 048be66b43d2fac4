/**
 * Serial group hunting keeps the media right across branches of different kinds: a hotline call first
 * rings a plain SIP desk phone (RTP/AVP) that lets it ring out, then a Switchboard app (WebRTC, DTLS-SRTP)
 * that answers. rtpengine keeps the caller's side across the branches and re-offers to each member
 * (switchboard/kamailio/service-routing.cfg), so both directions must be heard.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import type { SignInResult } from '../../switchboard/provisioning/service.ts';
import { RecordingCodeCaller } from '../../switchboard/provisioning/test-support/recording-code-caller.ts';
import { addCompanyCallGroup } from '../support/call-groups.ts';
import { expectToHear, voice } from '../support/hearing.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';
import { renderRepeatedVoice } from '../support/voices.ts';

const hotline = '8220';
/** SIP account details from a sign-in by mobile number, for a phone or the SIP-account form. */
const sipAccount = (signedIn: SignInResult, displayName: string) => ({
  user: signedIn.sip.username,
  password: signedIn.sip.password,
  displayName,
});

describe('a group call that moves from a desk phone to an app', () => {
  const codes = new RecordingCodeCaller();
  let wang: SignInResult; // 8001, on the app
  let li: SignInResult; // 8002, on a desk phone

  const api = async (path: string, method: string, body: unknown, token?: string) => {
    const res = await fetch(`${switchboard().provisioningUrl}${path}`, {
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
  const callerHeard = (): string => join(switchboard().runDir, 'caller-heard.wav');

  const { apps, phones, switchboard } = useSignedInApps({
    switchboard: { provisioning: { codeCaller: codes } },
    prepare: async (running) => {
      wang = await signIn('+8613800138000');
      li = await signIn('+8613900139000');
      addCompanyCallGroup(running, { number: hotline, name: 'Hotline', members: ['8001', '8002'], ringTimeoutSec: 5 });
    },
    apps: { wang: () => ({ signIn: { sipAccount: sipAccount(wang, 'Wang') }, microphone: 'bob' }) },
    phones: {
      desk: () => ({ user: sipAccount(li, 'Li') }),
      // baresip plays its file once: long enough for the ring-out and the whole listening window.
      caller: () => ({ user: demoUsers[0]!, playWav: renderRepeatedVoice('alice', 60), recordWav: callerHeard() }),
    },
  });

  beforeAll(async () => {
    // The desk phone has been idle longest, so it rings first.
    await api('/v1/status', 'PUT', { status: 'busy' }, li.device.token);
    await api('/v1/status', 'PUT', { status: 'busy' }, wang.device.token);
    await api('/v1/status', 'PUT', { status: 'available' }, li.device.token);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await api('/v1/status', 'PUT', { status: 'available' }, wang.device.token);
  });

  it('the desk phone rings out, the app answers, and caller and app hear each other', async () => {
    await phones.caller.dial(hotline);
    await phones.desk.waitForEvent('CALL_INCOMING', 5000);
    await apps.wang.waitForIncomingCall(12_000);
    await phones.desk.waitForEvent('CALL_CLOSED', 3000);
    await apps.wang.answer();
    await apps.wang.waitForCallPhase('connected');
    await phones.caller.waitForEvent('CALL_ESTABLISHED', 5000);

    await expectToHear(apps.wang, voice('alice'), { control: voice('control'), label: 'the app hears the caller' });
    await phones.caller.hangup();
    await phones.caller.waitForEvent('CALL_CLOSED');
    await expectToHear({ recordedWav: callerHeard() }, voice('bob'), {
      control: voice('control'),
      label: 'the caller hears the app',
    });
  });
});
