/**
 * The company main number's auto-attendant: a baresip phone registered as the main number
 * answers every call, plays a spoken greeting (espeak-ng via speakPhoneWav), reads the
 * caller's keypad digits from the line's control events (RFC 4733 telephone-events and SIP INFO both
 * arrive as CALL_DTMF_START) and blind-transfers the caller (REFER) to the extension, or to
 * the operator group on "0", an unknown extension or silence. The caller's phone places the
 * new call, so it must accept REFER (Switchboard does; so do desk phones). One call at a time:
 * a second caller waits in baresip until the first has been put through.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { speakPhoneWav, wavSeconds } from './audio.ts';
import { greetingPrompt, type PromptLanguage } from './prompts.ts';
import {
  pressDigit,
  startMenu,
  timedOut,
  type AttendantMenu,
  type MenuState,
  type MenuStep,
} from './attendant-menu.ts';
import { startBaresip, type BaresipEvent, type BaresipPhone } from './baresip.ts';
import { upsertSubscriber } from './subscriber-db.ts';
import type { RunningSwitchboard } from './switchboard.ts';

export type AutoAttendantOptions = {
  switchboard: Pick<RunningSwitchboard, 'domain' | 'udpPort' | 'runDir'>;
  /** Kamailio's subscriber table, where the main number's account is added. */
  subscriberDbPath: string;
  mainNumber: string;
  companyName: string;
  /** The company's language for its lines (default English). */
  language?: PromptLanguage;
  menu: AttendantMenu;
  /** How long the caller has to key the extension once the greeting is over (default 8 s). */
  waitAfterGreetingMs?: number;
  /** Told where each call went (tests and the log). */
  onRouted?: (route: Extract<MenuStep, { kind: 'route' }> & { caller: string }) => void;
};

type Session = { callId: string; caller: string; answeredAt: number; state: MenuState; routedAt?: number };

const POLL_MS = 50;
/** A transfer the caller never completed (its phone refused REFER, nobody answered): hang up after this. */
const TRANSFER_GIVE_UP_MS = 60_000;

export class AutoAttendant {
  private readonly phone: BaresipPhone;
  private readonly options: AutoAttendantOptions;
  private readonly greetingMs: number;
  private readonly timer: ReturnType<typeof setInterval>;
  private seen = 0;
  private session: Session | null = null;

  private constructor(phone: BaresipPhone, options: AutoAttendantOptions, greetingMs: number) {
    this.phone = phone;
    this.options = options;
    this.greetingMs = greetingMs;
    this.timer = setInterval(() => this.poll(), POLL_MS);
  }

  static async start(options: AutoAttendantOptions): Promise<AutoAttendant> {
    const { switchboard } = options;
    const dir = join(switchboard.runDir, `attendant-${options.mainNumber}`);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const greeting = join(dir, 'greeting.wav');
    const { voice, text } = greetingPrompt(options.companyName, options.language ?? 'en');
    await speakPhoneWav(greeting, text, { voice, soxEffects: ['pad', '0.5', '0'] });
    const user = {
      user: options.mainNumber,
      password: randomBytes(18).toString('base64url'),
      displayName: options.companyName,
    };
    upsertSubscriber(options.subscriberDbPath, switchboard.domain, user);
    const phone = await startBaresip({ switchboard, user, autoAnswer: true, playWav: greeting, runDir: dir });
    try {
      await phone.waitForRegistered();
    } catch (error) {
      await phone.stop();
      throw error;
    }
    return new AutoAttendant(phone, options, (await wavSeconds(greeting)) * 1000);
  }

  get pid(): number {
    return this.phone.pid;
  }

  /** Resolves when its baresip is gone (its supervisor then starts a new line). */
  get exited(): Promise<unknown> {
    return this.phone.exited;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.phone.stop();
  }

  private poll(): void {
    const events = this.phone.events;
    while (this.seen < events.length) this.onEvent(events[this.seen++]!);
    const session = this.session;
    if (!session) return;
    const now = Date.now();
    if (session.routedAt === undefined) {
      const deadline = session.answeredAt + this.greetingMs + (this.options.waitAfterGreetingMs ?? 8000);
      if (now > deadline) this.route(timedOut(this.options.menu, session.state));
    } else if (now - session.routedAt > TRANSFER_GIVE_UP_MS) {
      this.session = null;
      void this.phone.hangup().catch(() => undefined);
    }
  }

  private onEvent(event: BaresipEvent): void {
    const callId = String(event['id'] ?? '');
    if (event.type === 'CALL_ESTABLISHED' && !this.session) {
      this.session = {
        callId,
        caller: String(event['peeruri'] ?? ''),
        answeredAt: event.at,
        state: startMenu(),
      };
    } else if (event.type === 'CALL_DTMF_START' && this.session?.callId === callId) {
      if (this.session.routedAt !== undefined) return;
      const step = pressDigit(this.options.menu, this.session.state, String(event['param'] ?? ''));
      if (step.kind === 'collecting') this.session.state = step.state;
      else this.route(step);
    } else if (event.type === 'CALL_CLOSED' && this.session?.callId === callId) {
      this.session = null;
    }
  }

  private route(step: MenuStep): void {
    const session = this.session;
    if (!session || step.kind !== 'route') return;
    session.routedAt = Date.now();
    this.options.onRouted?.({ ...step, caller: session.caller });
    const uri = `sip:${step.target}@${this.options.switchboard.domain}`;
    this.phone.transfer(uri).catch((error: unknown) => {
      console.error(`auto-attendant: transfer to ${uri} failed: ${String(error)}`);
      void this.phone.hangup().catch(() => undefined);
    });
  }
}
