/**
 * The group-busy announcement: a baresip phone registered as a system user answers every call the
 * provisioning service sends it (`announce <sipUser>` when no group member is available), plays
 * "Everyone is busy…" (espeak-ng via speakPhoneWav) and hangs up.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { speakPhoneWav, wavSeconds } from './audio.ts';
import { groupBusyPrompt, type PromptLanguage } from './prompts.ts';
import { startBaresip, type BaresipPhone } from './baresip.ts';
import { upsertSubscriber } from './subscriber-db.ts';
import type { RunningSwitchboard } from './switchboard.ts';

/** The SIP user the service names in `announce` decisions. */
export const groupBusyUser = 'group-busy';

const POLL_MS = 100;

export class AnnouncementLine {
  private readonly phone: BaresipPhone;
  private readonly messageMs: number;
  private readonly timer: ReturnType<typeof setInterval>;
  private seen = 0;
  /** Answered calls by baresip call id → when they were answered. */
  private readonly playing = new Map<string, number>();
  private answeredCount = 0;

  /** The SIP user it answers as. */
  readonly user: string;

  private constructor(phone: BaresipPhone, user: string, messageMs: number) {
    this.phone = phone;
    this.user = user;
    this.messageMs = messageMs;
    this.timer = setInterval(() => this.poll(), POLL_MS);
  }

  static async start(options: {
    switchboard: Pick<RunningSwitchboard, 'domain' | 'udpPort' | 'runDir'>;
    subscriberDbPath: string;
    user?: string;
    /** The company's language for its lines (default English). */
    language?: PromptLanguage;
  }): Promise<AnnouncementLine> {
    const { switchboard } = options;
    const name = options.user ?? groupBusyUser;
    const dir = join(switchboard.runDir, `announcement-${name}`);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const message = join(dir, 'message.wav');
    // Half a second of silence first (the media path settles), one after (the last word leaves the jitter buffers).
    const { voice, text } = groupBusyPrompt(options.language ?? 'en');
    await speakPhoneWav(message, text, { voice, soxEffects: ['pad', '0.5', '1'] });
    // base64url: baresip's account line cannot carry ; " < > or spaces.
    const user = { user: name, password: randomBytes(18).toString('base64url'), displayName: 'Switchboard' };
    upsertSubscriber(options.subscriberDbPath, switchboard.domain, user);
    const phone = await startBaresip({ switchboard, user, autoAnswer: true, playWav: message, runDir: dir });
    try {
      await phone.waitForRegistered();
    } catch (error) {
      await phone.stop();
      throw error;
    }
    return new AnnouncementLine(phone, name, (await wavSeconds(message)) * 1000);
  }

  get pid(): number {
    return this.phone.pid;
  }

  /** Resolves when its baresip is gone (its supervisor then starts a new line). */
  get exited(): Promise<unknown> {
    return this.phone.exited;
  }

  /** How many calls it has answered (tests: "the caller got the announcement"). */
  get answered(): number {
    return this.answeredCount;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.phone.stop();
  }

  private poll(): void {
    const events = this.phone.events;
    while (this.seen < events.length) {
      const event = events[this.seen++]!;
      const id = String(event['id'] ?? '');
      if (event.type === 'CALL_ESTABLISHED') {
        this.answeredCount++;
        this.playing.set(id, event.at);
      } else if (event.type === 'CALL_CLOSED') {
        this.playing.delete(id);
      }
    }
    // baresip usually ends the call when its file source runs out; this is the backstop.
    const now = Date.now();
    for (const [id, answeredAt] of this.playing) {
      if (now - answeredAt > this.messageMs + 1500) {
        this.playing.delete(id);
        void this.phone.hangup().catch(() => undefined);
      }
    }
  }
}
