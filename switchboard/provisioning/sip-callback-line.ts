import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startBaresip, type BaresipPhone } from '../baresip.ts';
import { hangUpAndWait, nextCallEvent } from '../baresip-call-events.ts';
import type { RunningSwitchboard } from '../switchboard.ts';
import { upsertSubscriber } from '../subscriber-db.ts';
import type { CallbackPlacer, CallbackRequest } from './callback-placer.ts';

/** The SIP user callbacks come from (a row in Kamailio's subscriber table, added at start). */
export const callbackLineUser = 'callback-line';

export class CallbackFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallbackFailedError';
  }
}

export type SipCallbackLineOptions = {
  switchboard: Pick<RunningSwitchboard, 'domain' | 'udpPort' | 'runDir'>;
  subscriberDbPath: string;
  /** How long the mobile may ring (default 30 s). */
  ringTimeoutMs?: number;
};

/** After the REFER, how long the line waits for the mobile to take the transfer before hanging up itself. */
const TRANSFER_WAIT_MS = 60_000;

/**
 * Production adapter, click-to-dial as RFC 5359 §2.18 describes it: a baresip phone registered as
 * `callback-line` calls the person's mobile; once the mobile answers it sends REFER (Refer-To the
 * callee), so the mobile places the call to the callee itself and the line drops out. One callback at
 * a time (baresip's commands act on its current call); later requests wait their turn.
 */
export class SipCallbackLine implements CallbackPlacer {
  private readonly phone: BaresipPhone;
  private readonly options: SipCallbackLineOptions;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(phone: BaresipPhone, options: SipCallbackLineOptions) {
    this.phone = phone;
    this.options = options;
  }

  static async start(options: SipCallbackLineOptions): Promise<SipCallbackLine> {
    const { switchboard } = options;
    // base64url: baresip's account line cannot carry ; " < > or spaces.
    const user = { user: callbackLineUser, password: randomBytes(18).toString('base64url'), displayName: 'Callback' };
    upsertSubscriber(options.subscriberDbPath, switchboard.domain, user);
    const phone = await startBaresip({ switchboard, user, runDir: join(switchboard.runDir, 'callback-line') });
    try {
      await phone.waitForRegistered();
    } catch (error) {
      await phone.stop();
      throw error;
    }
    return new SipCallbackLine(phone, options);
  }

  get pid(): number {
    return this.phone.pid;
  }

  /** Resolves when its baresip is gone (its supervisor then starts a new line). */
  get exited(): Promise<unknown> {
    return this.phone.exited;
  }

  placeCallback(request: CallbackRequest): Promise<void> {
    let referred = () => {};
    const sent = new Promise<void>((resolve) => (referred = resolve));
    const whole = this.queue.then(() => this.place(request, referred));
    this.queue = whole.catch((error: unknown) => {
      console.error(`callback line: ${String(error)}`);
    });
    return Promise.race([sent, whole]);
  }

  async stop(): Promise<void> {
    await this.queue;
    await this.phone.stop();
  }

  private async place(request: CallbackRequest, referred: () => void): Promise<void> {
    const { mobileDigits, to } = request;
    if (!/^\d+$/.test(mobileDigits)) throw new CallbackFailedError(`not a mobile number: ${mobileDigits}`);
    if (!/^[A-Za-z0-9_.+-]+$/.test(to)) throw new CallbackFailedError(`not a number to call: ${to}`);
    const from = this.phone.events.length;
    await this.phone.dial(mobileDigits);
    const ringTimeoutMs = this.options.ringTimeoutMs ?? 30_000;
    const first = await nextCallEvent(this.phone, from, ['CALL_ESTABLISHED', 'CALL_CLOSED'], ringTimeoutMs);
    if (!first) {
      await hangUpAndWait(this.phone, from);
      throw new CallbackFailedError(`the mobile ${mobileDigits} did not answer within ${ringTimeoutMs / 1000} s`);
    }
    if (first.type === 'CALL_CLOSED') {
      throw new CallbackFailedError(`the mobile ${mobileDigits} could not be called: ${String(first['param'] ?? '')}`);
    }
    const established = this.phone.events.indexOf(first) + 1;
    await this.phone.transfer(`sip:${to}@${this.options.switchboard.domain}`);
    referred();
    // baresip ends the referring call when the mobile reports the transfer done (NOTIFY 200) or failed.
    const closed = await nextCallEvent(this.phone, established, ['CALL_CLOSED'], TRANSFER_WAIT_MS);
    if (!closed) await hangUpAndWait(this.phone, established);
  }
}
