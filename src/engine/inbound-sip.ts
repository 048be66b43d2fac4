/**
 * Every frame from the switchboard passes here on its way to JsSIP: decoded as JsSIP would,
 * checked (sip-inbound-check.ts), then rejected and dropped, or handed on. Drops are counted
 * and logged with their reason and the running count, rate-limited so a flood of bad messages
 * does not flood the log, and never with the message itself. Anything JsSIP, or our handlers
 * of the events it emits, still throws while handling a message is caught and logged with its
 * stack instead of escaping into the engine page as an uncaught error.
 */
import { engineLog } from './engine-log.ts';
import { checkInbound, type InboundVerdict } from './sip-inbound-check.ts';

export type InboundSipCounts = {
  received: number;
  dropped: number;
  /** Dropped requests we answered (400, or 505 for another SIP version). */
  answered: number;
  /** Messages that made JsSIP's parser throw (a JsSIP bug: patches/ should have fixed it). */
  parserThrew: number;
  /** Messages that made JsSIP or our event handlers throw after parsing (a bug to fix where it is). */
  handlingThrew: number;
};

export type InboundSipOptions = {
  /** Dropped-message lines per minute; beyond that they are counted and summed up once the minute is over. */
  linesPerMinute?: number;
  newTag?: () => string;
  now?: () => number;
};

const WINDOW_MS = 60_000;
const randomTag = () => Math.random().toString(36).slice(2, 12);

export class InboundSip {
  readonly counts: InboundSipCounts = { received: 0, dropped: 0, answered: 0, parserThrew: 0, handlingThrew: 0 };
  private readonly decoder = new TextDecoder();
  private readonly linesPerMinute: number;
  private readonly newTag: () => string;
  private readonly now: () => number;
  private windowStart = -Infinity;
  private linesInWindow = 0;
  private unlogged = 0;
  private summaryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: InboundSipOptions = {}) {
    this.linesPerMinute = options.linesPerMinute ?? 10;
    this.newTag = options.newTag ?? randomTag;
    this.now = options.now ?? Date.now;
  }

  /** `deliver` hands the text to JsSIP; `reply` sends our rejection back on the same connection. */
  receive(data: string | ArrayBuffer, deliver: (text: string) => void, reply: (text: string) => void): void {
    this.counts.received += 1;
    const text = typeof data === 'string' ? data : this.decoder.decode(data);
    const verdict = checkInbound(text, this.newTag);
    if (!verdict.deliver) {
      this.dropped(verdict);
      if (verdict.reply) reply(verdict.reply.text);
      return;
    }
    try {
      deliver(text);
    } catch (error) {
      this.counts.handlingThrew += 1;
      engineLog.error('SIP message handling threw', {
        ...errorFields(error),
        handlingThrew: this.counts.handlingThrew,
      });
    }
  }

  private dropped(verdict: Exclude<InboundVerdict, { deliver: true }>): void {
    this.counts.dropped += 1;
    if (verdict.reply) this.counts.answered += 1;
    if (verdict.reason === 'parser threw') {
      this.counts.parserThrew += 1;
      engineLog.error('JsSIP parser threw on a SIP message', errorFields(verdict.error));
    }
    if (!this.mayLog()) {
      this.unlogged += 1;
      this.summaryTimer ??= setTimeout(() => this.logSummary(), this.windowStart + WINDOW_MS - this.now());
      return;
    }
    engineLog.warn('SIP message dropped', {
      reason: verdict.reason,
      kind: verdict.kind,
      method: verdict.method,
      answered: verdict.reply?.status ?? null,
      dropped: this.counts.dropped,
      answeredInAll: this.counts.answered,
    });
  }

  private mayLog(): boolean {
    const now = this.now();
    if (now - this.windowStart >= WINDOW_MS) {
      this.windowStart = now;
      this.linesInWindow = 0;
    }
    if (this.linesInWindow >= this.linesPerMinute) return false;
    this.linesInWindow += 1;
    return true;
  }

  private logSummary(): void {
    this.summaryTimer = undefined;
    engineLog.warn('SIP messages dropped without a line each (rate limit)', {
      unlogged: this.unlogged,
      dropped: this.counts.dropped,
      answeredInAll: this.counts.answered,
    });
    this.unlogged = 0;
  }
}

function errorFields(error: unknown): { error: string; stack: string | null } {
  return {
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    stack: error instanceof Error ? (error.stack ?? null) : null,
  };
}
