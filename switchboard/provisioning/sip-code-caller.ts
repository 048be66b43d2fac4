import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { speakPhoneWav, wavSeconds } from '../audio.ts';
import { promptVoice } from '../prompts.ts';
import { startBaresip, type BaresipEvent, type BaresipPhone } from '../baresip.ts';
import { hangUpAndWait, nextCallEvent } from '../baresip-call-events.ts';
import type { RunningSwitchboard } from '../switchboard.ts';
import { upsertSubscriber } from '../subscriber-db.ts';
import { CodeCallFailedError, type CodeCaller, type CodeLanguage } from './code-caller.ts';

/** The SIP user the code calls come from (a row in Kamailio's subscriber table, added at start). */
export const codeLineUser = 'code-line';

const chineseDigits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** What the voice says: the digits one by one, twice, then goodbye. */
export function codePromptText(code: string, language: CodeLanguage): { voice: string; text: string } {
  const digits = [...code];
  if (language === 'zh-CN') {
    const spoken = digits.map((d) => chineseDigits[Number(d)] ?? d).join('，');
    return { voice: promptVoice[language], text: `您的 Switchboard 验证码是：${spoken}。再说一遍：${spoken}。再见。` };
  }
  const spoken = digits.join(', ');
  if (language === 'sv')
    return {
      voice: promptVoice[language],
      text: `Din kod till Switchboard är ${spoken}. En gång till: ${spoken}. Hej då.`,
    };
  if (language === 'fr')
    return {
      voice: promptVoice[language],
      text: `Votre code Switchboard est ${spoken}. Je répète : ${spoken}. Au revoir.`,
    };
  return { voice: promptVoice[language], text: `Your Switchboard code is ${spoken}. Again: ${spoken}. Goodbye.` };
}

/**
 * Renders the prompt with espeak-ng and converts it with sox to what baresip plays (48 kHz mono s16),
 * with half a second of silence before (the media path is still settling) and one after (so the last
 * word is out of the jitter buffers before the call ends). Returns its length in seconds.
 */
export async function renderCodePrompt(path: string, code: string, language: CodeLanguage): Promise<number> {
  const { voice, text } = codePromptText(code, language);
  await speakPhoneWav(path, text, { voice, soxEffects: ['pad', '0.5', '1'] });
  return wavSeconds(path);
}

export type SipCodeCallerOptions = {
  switchboard: Pick<RunningSwitchboard, 'domain' | 'udpPort' | 'runDir'>;
  /** Kamailio's subscriber table, where the code line's account is added. */
  subscriberDbPath: string;
  /** How long the phone may ring before the call counts as unanswered (default 30 s). */
  ringTimeoutMs?: number;
  /** Told after each call that was answered and played to its end (tests read the spoken code from it). */
  onCalled?: (call: { mobileE164: string; code: string; language: CodeLanguage }) => void;
};

/**
 * Production adapter: a SIP call through Kamailio from the system account `code-line` to the SIP user
 * named by the mobile's digits (`+8613800138000` → `8613800138000`, registered by the person's phone),
 * playing an espeak-ng prompt as RTP. One baresip instance lives as long as the service; calls are
 * placed one at a time. `call()` resolves as soon as the phone answered, so the app shows the code
 * field while the voice is still reading (the prompt plays on, then the line hangs up and the next
 * queued call may start); it rejects with CodeCallFailedError when the call could not be placed
 * (404 not registered, busy, declined, no answer).
 */
export class SipCodeCaller implements CodeCaller {
  private readonly phone: BaresipPhone;
  private readonly options: SipCodeCallerOptions;
  private readonly workDir: string;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(phone: BaresipPhone, options: SipCodeCallerOptions, workDir: string) {
    this.phone = phone;
    this.options = options;
    this.workDir = workDir;
  }

  static async start(options: SipCodeCallerOptions): Promise<SipCodeCaller> {
    const { switchboard } = options;
    // base64url: no ; " < > or spaces, which baresip's account line cannot carry.
    const user = { user: codeLineUser, password: randomBytes(18).toString('base64url'), displayName: 'Switchboard' };
    upsertSubscriber(options.subscriberDbPath, switchboard.domain, user);
    const dir = join(switchboard.runDir, 'code-line');
    const workDir = join(dir, 'prompts');
    await mkdir(workDir, { recursive: true, mode: 0o700 });
    const phone = await startBaresip({ switchboard, user, runDir: dir });
    try {
      await phone.waitForRegistered();
    } catch (error) {
      await phone.stop();
      throw error;
    }
    return new SipCodeCaller(phone, options, workDir);
  }

  get pid(): number {
    return this.phone.pid;
  }

  /** Resolves when its baresip is gone (its supervisor then starts a new line). */
  get exited(): Promise<unknown> {
    return this.phone.exited;
  }

  call(mobileE164: string, code: string, language: CodeLanguage): Promise<void> {
    let answered = () => {};
    const answer = new Promise<void>((resolve) => (answered = resolve));
    const whole = this.queue.then(() => this.place(mobileE164, code, language, answered));
    this.queue = whole.catch(() => undefined);
    // Whichever comes first: the answer, or the failure to place the call.
    return Promise.race([answer, whole]);
  }

  async stop(): Promise<void> {
    await this.queue;
    await this.phone.stop();
  }

  private async place(mobileE164: string, code: string, language: CodeLanguage, answered: () => void): Promise<void> {
    const target = mobileE164.replace(/^\+/, '');
    if (!/^\d+$/.test(target)) throw new CodeCallFailedError(`not a number in E.164: ${mobileE164}`);
    const dir = await mkdtemp(join(this.workDir, 'call-'));
    try {
      const prompt = join(dir, 'prompt.wav');
      const seconds = await renderCodePrompt(prompt, code, language);
      await this.phone.setPlayWav(prompt);

      const from = this.phone.events.length;
      await this.phone.dial(target);
      const ringTimeoutMs = this.options.ringTimeoutMs ?? 30_000;
      const first = await nextCallEvent(this.phone, from, ['CALL_ESTABLISHED', 'CALL_CLOSED'], ringTimeoutMs);
      if (!first) {
        await hangUpAndWait(this.phone, from);
        throw new CodeCallFailedError(`call to ${target}: no answer within ${ringTimeoutMs / 1000} s`);
      }
      if (first.type === 'CALL_CLOSED') {
        throw new CodeCallFailedError(`call to ${target} failed: ${describeClose(first)}`);
      }
      answered();
      // Answered: let the prompt play (baresip may end the call itself when its file ends), then hang up.
      const established = this.phone.events.indexOf(first) + 1;
      const closed = await nextCallEvent(this.phone, established, ['CALL_CLOSED'], seconds * 1000 + 1500);
      if (!closed) await hangUpAndWait(this.phone, established);
      this.options.onCalled?.({ mobileE164, code, language });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

function describeClose(event: BaresipEvent): string {
  const param = String(event['param'] ?? '');
  if (/^404\b/.test(param)) return `${param} (the number's phone is not registered)`;
  if (/^486\b|^600\b/.test(param)) return `${param} (busy)`;
  if (/^(480|408)\b/.test(param)) return `${param} (no answer)`;
  if (/^(603|403)\b/.test(param)) return `${param} (declined)`;
  return param || 'closed before it was answered';
}
