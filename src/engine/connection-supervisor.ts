/**
 * Keeps one JsSIP user agent connected to its switchboard: the sockets (one per address, with
 * weights, each with keepalive), our capped reconnect backoff in place of JsSIP's, and an
 * immediate reconnect when the network comes back or the machine wakes up.
 *
 * JsSIP exposes no hook for its recovery schedule, so we replace Transport._reconnect on the
 * instance (jssip 3.13; the unit test runs against the real Transport so an upgrade that
 * changes it fails there first).
 */
import type { WeightedSocket } from 'jssip/lib/Socket.js';
import type { ServerAddress } from '../shared/server-list.ts';
import type { InboundSip } from './inbound-sip.ts';
import { KeepaliveSocket, type KeepaliveOptions, type WebSocketFactory } from './keepalive-socket.ts';
import { nextAttemptDelayMs } from './reconnect-policy.ts';

type TransportSocketEntry = { socket: unknown; weight: number; status: number };
/** The parts of jssip/lib/Transport.js we lean on. */
type JsSipTransport = {
  socket: unknown;
  sockets: TransportSocketEntry[];
  recover_attempts: number;
  recovery_timer: ReturnType<typeof setTimeout> | null;
  close_requested: boolean;
  isConnected(): boolean;
  isConnecting(): boolean;
  connect(): void;
  _getSocket(): void;
  _reconnect(): void;
};

const SOCKET_STATUS_READY = 0;

export type ReconnectReport = (retryAt: number) => void;

export type ConnectionOptions = {
  keepalive?: Partial<KeepaliveOptions>;
  now?: () => number;
  open?: WebSocketFactory;
  /** Checks and counts what every socket receives; one per engine, so counts survive reconnects. */
  inbound?: InboundSip;
};

export class ConnectionSupervisor {
  readonly sockets: { socket: KeepaliveSocket; weight: number }[];
  private transport: JsSipTransport | null = null;
  private readonly now: () => number;
  private connectNow = false;

  constructor(servers: ServerAddress[], options: ConnectionOptions = {}) {
    const { keepalive = {}, now = Date.now, open, inbound } = options;
    this.sockets = servers.map(({ url, weight }) => ({
      socket: new KeepaliveSocket(url, keepalive, open, inbound),
      weight,
    }));
    this.now = now;
  }

  /** For JsSIP's `sockets` option (ours implement its Socket interface; send takes text only). */
  get weightedSockets(): WeightedSocket[] {
    return this.sockets as unknown as WeightedSocket[];
  }

  /** Take over the recovery schedule of the UA's transport (`ua.transport`, untyped in jssip's d.ts). */
  attach(ua: object, onScheduled: ReconnectReport): void {
    const t = (ua as { transport: JsSipTransport }).transport;
    this.transport = t;
    t._reconnect = () => {
      t.recover_attempts += 1;
      const delay = this.connectNow ? 0 : nextAttemptDelayMs(t.recover_attempts, this.untriedAddressLeft());
      this.connectNow = false;
      if (delay > 0) onScheduled(this.now() + delay);
      t.recovery_timer = setTimeout(() => {
        t.recovery_timer = null;
        if (t.close_requested || t.isConnected() || t.isConnecting()) return;
        t._getSocket();
        t.connect();
      }, delay);
    };
  }

  /** Whether another address is left to try before giving up on a first connection. */
  untriedAddressLeft(): boolean {
    const t = this.transport;
    if (!t) return false;
    return t.sockets.some((entry) => entry.socket !== t.socket && entry.status === SOCKET_STATUS_READY);
  }

  /**
   * The network came back or the machine woke up: the connection we hold may be dead without
   * knowing it, and a scheduled retry may be seconds away. Start over on a fresh connection now.
   */
  reconnectNow(reason: string): void {
    const t = this.transport;
    if (!t || t.close_requested) return;
    this.connectNow = true;
    const current = this.sockets.find(({ socket }) => socket === t.socket)?.socket;
    if (t.isConnected() || t.isConnecting()) {
      current?.drop(reason);
      return;
    }
    if (t.recovery_timer !== null) clearTimeout(t.recovery_timer);
    t._reconnect();
  }
}
