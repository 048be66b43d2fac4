import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { promptCorrelation as correlation, promptEnvelope as envelopeOf } from '../../test/support/spoken-code.ts';
import { startBaresip, type BaresipPhone } from '../baresip.ts';
import { startSwitchboard, type RunningSwitchboard } from '../switchboard.ts';
import type { CodeLanguage } from './code-caller.ts';
import { demoMobile } from './demo-data.ts';
import { renderCodePrompt } from './sip-code-caller.ts';

/** The demo person's mobile, as the SIP user their phone registers (the number's digits). */
const mobilePhoneUser = { user: demoMobile.slice(1), password: 'mobile-pass-1', displayName: 'Wang mobile' };

describe('voice code: a real SIP call to the mobile’s phone', () => {
  let switchboard: RunningSwitchboard;
  let mobile: BaresipPhone;
  const spoken: { mobileE164: string; code: string; language: CodeLanguage }[] = [];
  const heard = () => join(switchboard.runDir, 'mobile-heard.wav');

  beforeAll(async () => {
    switchboard = await startSwitchboard({
      provisioning: {
        codeCaller: { kind: 'sip', ringTimeoutMs: 10_000, onCalled: (call) => spoken.push(call) },
        // Two calls to the same number in a row (English, then Chinese).
        limits: { resendAfterSec: 0 },
      },
    });
    await switchboard.addUser(mobilePhoneUser);
    mobile = await startBaresip({ switchboard, user: mobilePhoneUser, autoAnswer: true, recordWav: heard() });
    await mobile.waitForRegistered();
  });
  afterAll(async () => {
    await mobile?.stop();
    await switchboard?.stop();
  });

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${switchboard.provisioningUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  const companyOf = async (number: string): Promise<number> => {
    const lookup = await post('/v1/sign-in/lookup', { mobile: number });
    expect(lookup.status).toBe(200);
    return (lookup.body['companies'] as { id: number }[])[0]!.id;
  };

  /** Asks for a code call, checks the phone heard that code's prompt, returns the code. */
  const callAndListen = async (companyId: number, language: CodeLanguage): Promise<string> => {
    const before = spoken.length;
    expect((await post('/v1/sign-in/code', { mobile: demoMobile, companyId, language })).status).toBe(202);
    // The service answered once the phone picked up; the voice reads on until the line hangs up.
    await mobile.waitForEvent('CALL_ESTABLISHED', 1000);
    await mobile.waitForEvent('CALL_CLOSED', 15_000);
    await vi.waitFor(() => expect(spoken).toHaveLength(before + 1), { timeout: 5000 });
    const { code, mobileE164 } = spoken.at(-1)!;
    expect(mobileE164).toBe(demoMobile);

    const other = [...code].map((d) => String((Number(d) + 5) % 10)).join('');
    const rightWav = join(switchboard.runDir, `prompt-${language}-right.wav`);
    const wrongWav = join(switchboard.runDir, `prompt-${language}-wrong.wav`);
    await renderCodePrompt(rightWav, code, language);
    await renderCodePrompt(wrongWav, other, language);
    const received = envelopeOf(heard());
    const right = correlation(received, envelopeOf(rightWav));
    const wrong = correlation(received, envelopeOf(wrongWav));
    console.log(`${language}: code ${code} r=${right.toFixed(3)}, other code ${other} r=${wrong.toFixed(3)}`);
    // Both prompts share every word but the digits, so a different code can still correlate
    // highly (0.5–0.9). What tells them apart is distance: the recording is far closer to the
    // prompt of the code that was issued (1 − r about 0.005–0.02) than to the other (0.1–0.5).
    expect(right).toBeGreaterThan(0.9);
    expect(1 - wrong).toBeGreaterThanOrEqual(4 * (1 - right));
    return code;
  };

  it('phones the code in English; the heard code signs in', async () => {
    const companyId = await companyOf(demoMobile);
    const code = await callAndListen(companyId, 'en');
    const verify = await post('/v1/sign-in/verify', { mobile: demoMobile, companyId, code, deviceName: 'PC' });
    expect(verify.status).toBe(200);
    expect(verify.body['sip']).toMatchObject({ username: '8001' });
  });

  it('phones the code in Chinese', async () => {
    const companyId = await companyOf(demoMobile);
    const code = await callAndListen(companyId, 'zh-CN');
    const verify = await post('/v1/sign-in/verify', { mobile: demoMobile, companyId, code, deviceName: 'PC 2' });
    expect(verify.status).toBe(200);
  });

  it('a number whose phone is not registered gets a clear failure (404)', async () => {
    const companyId = await companyOf('+8613900139000');
    const res = await post('/v1/sign-in/code', { mobile: '+8613900139000', companyId, language: 'en' });
    expect(res.status).toBe(502);
    expect(res.body['code']).toBe('code-call-failed');
  });
});
