import type { Clock } from '../clock.ts';
import type { ProvisioningDb } from '../db.ts';
import type { DeviceTokens } from '../presence-service.ts';
import { ChatAgents } from './chat-agents.ts';
import { ChatDesk, type ChatPresence } from './chat-desk.ts';
import { ChatContext, type ContextEndpoints } from './chat-context.ts';
import { ChatRecords } from './chat-records.ts';
import { defaultChatLimits, type ChatLimits } from './chat-limits.ts';
import { ChatVisitors } from './chat-visitors.ts';
import { InternalChats } from './internal-chats.ts';

export type ChatServiceOptions = {
  db: ProvisioningDb;
  clock: Clock;
  devices: DeviceTokens;
  presence: ChatPresence;
  limits?: Partial<ChatLimits>;
  /** Each company's customer context endpoint (customer-context.ts); none by default. */
  contextEndpoints?: ContextEndpoints;
  /** How often offers and visitor timeouts are checked (default 250 ms). */
  sweepIntervalMs?: number;
};

/** Online customer service (docs/chat.md): the desk, its visitor and agent sides, and the server's own timer. */
export class ChatService {
  readonly desk: ChatDesk;
  readonly visitors: ChatVisitors;
  readonly agents: ChatAgents;
  readonly records: ChatRecords;
  readonly context: ChatContext;
  /** Colleagues' one-to-one chats (issue 17) on the same store and streams. */
  readonly internal: InternalChats;
  readonly limits: ChatLimits;
  private readonly sweepIntervalMs: number;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(options: ChatServiceOptions) {
    this.limits = { ...defaultChatLimits, ...options.limits };
    this.sweepIntervalMs = options.sweepIntervalMs ?? 250;
    this.desk = new ChatDesk({
      db: options.db,
      clock: options.clock,
      presence: options.presence,
      streams: this.limits,
    });
    this.visitors = new ChatVisitors({ db: options.db, clock: options.clock, desk: this.desk, limits: this.limits });
    this.agents = new ChatAgents({ desk: this.desk, devices: options.devices });
    this.records = new ChatRecords({ desk: this.desk, devices: options.devices });
    this.internal = new InternalChats({ desk: this.desk, devices: options.devices, limits: this.limits });
    this.context = new ChatContext({
      desk: this.desk,
      devices: options.devices,
      endpoints: options.contextEndpoints ?? (() => null),
    });
  }

  /** Offers ring out and silent visitors time out even when nobody is connected. */
  start(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      try {
        this.desk.sweep();
      } catch (error) {
        // Retried at the next tick; it must not take the service down.
        console.error('provisioning: chat sweep failed', error);
      }
    }, this.sweepIntervalMs);
    this.sweeper.unref();
  }

  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    this.desk.streams.endAll();
  }
}
