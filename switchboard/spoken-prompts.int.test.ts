/**
 * A company whose lines speak Swedish: a plain phone calling the main number hears the attendant's
 * greeting in Swedish (espeak-ng's `sv` voice), not the English one. Told apart by the recording's
 * loudness envelope against both renderings, as the voice-code test tells codes apart.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptCorrelation, promptEnvelope } from '../test/support/spoken-code.ts';
import { speakPhoneWav, wavSeconds } from './audio.ts';
import { startBaresip, type BaresipPhone } from './baresip.ts';
import { greetingPrompt, type PromptLanguage } from './prompts.ts';
import { startSwitchboard, type RunningSwitchboard } from './switchboard.ts';
import { demoUsers } from './users.ts';

const caller = demoUsers[0]!;
const companyName = 'Exempelbolaget';

describe("the switchboard's lines speak the company's language", () => {
  let switchboard: RunningSwitchboard;
  let phone: BaresipPhone;
  const heard = () => join(switchboard.runDir, 'caller-heard.wav');

  beforeAll(async () => {
    switchboard = await startSwitchboard({
      promptLanguage: 'sv',
      autoAttendant: { companyName, waitAfterGreetingMs: 20_000 },
    });
    phone = await startBaresip({ switchboard, user: caller, recordWav: heard() });
    await phone.waitForRegistered();
  });
  afterAll(async () => {
    await phone?.stop();
    await switchboard?.stop();
  });

  const rendered = async (language: PromptLanguage): Promise<{ wav: string; seconds: number }> => {
    const wav = join(switchboard.runDir, `greeting-${language}.wav`);
    const { voice, text } = greetingPrompt(companyName, language);
    await speakPhoneWav(wav, text, { voice, soxEffects: ['pad', '0.5', '0'] });
    return { wav, seconds: await wavSeconds(wav) };
  };

  it('a caller to the main number hears the greeting in Swedish, not in English', async () => {
    const swedish = await rendered('sv');
    const english = await rendered('en');
    await phone.dial('8000');
    await phone.waitForEvent('CALL_ESTABLISHED');
    await new Promise((resolve) => setTimeout(resolve, swedish.seconds * 1000 + 1500));
    await phone.hangup();
    await phone.waitForEvent('CALL_CLOSED');

    const received = promptEnvelope(heard());
    const asSwedish = promptCorrelation(received, promptEnvelope(swedish.wav));
    const asEnglish = promptCorrelation(received, promptEnvelope(english.wav));
    console.log(`greeting heard: sv r=${asSwedish.toFixed(3)}, en r=${asEnglish.toFixed(3)}`);
    expect(asSwedish).toBeGreaterThan(0.9);
    expect(1 - asEnglish).toBeGreaterThanOrEqual(4 * (1 - asSwedish));
  });
});
