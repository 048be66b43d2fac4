/**
 * The WebSocket JsSIP talks SIP over, with what its own WebSocketInterface lacks:
 *
 * - Keepalive: after `pingAfterMs` of silence it sends a CRLF CRLF ping (RFC 5626 style; Kamailio
 *   answers CRLF over WS too). If nothing at all arrives within `answerWithinMs`, the connection
 *   is dead (a cut cable, a sleeping NAT, a server that vanished without a FIN) and is dropped
 *   at once, so reconnecting starts within seconds instead of at the next re-REGISTER.
 * - A connect timeout: a WebSocket whose SYN is swallowed can hang for minutes.
 * - drop(): end the connection now and let JsSIP's recovery take over (network change, resume).
 * - A check of every message before JsSIP sees it (inbound-sip.ts): a hostile or broken server
 *   cannot make JsSIP throw inside the page; bad messages are answered, dropped and counted.
 *
 * Browsers cannot send WebSocket ping frames, hence the SIP-level ping.
 */
import { InboundSip } from './inbound-sip.ts';

export type KeepaliveOptions = {
  pingAfterMs: number;
  answerWithinMs: number;
  connectTimeoutMs: number;
};

/** A dead connection is found within pingAfterMs + answerWithinMs (14 s) of going quiet. */
export const DEFAULT_KEEPALIVE: KeepaliveOptions = {
  pingAfterMs: 10_000,
  answerWithinMs: 4_000,
  connectTimeoutMs: 4_000,
};

export type WebSocketLike = {
  readyState: number;
  send(data: string): void;
  close(): void;
  binaryType: BinaryType;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
};
export type WebSocketFactory = (url: string, protocol: string) => WebSocketLike;

const OPEN = 1;
const CONNECTING = 0;
/** Application close code (4000-4999) for a connection we gave up on ourselves. */
export const DROPPED_CLOSE_CODE = 4000;

export class KeepaliveSocket {
  readonly url: string;
  readonly sip_uri: string;
  via_transport: string;
  onconnect: () => void = () => {};
  ondisconnect: (error: boolean, code?: number, reason?: string) => void = () => {};
  /** Only messages that passed the inbound check, as text. */
  ondata: (data: string) => void = () => {};

  private ws: WebSocketLike | null = null;
  private readonly options: KeepaliveOptions;
  private readonly open: WebSocketFactory;
  private readonly inbound: InboundSip;
  private pingTimer: ReturnType<typeof setTimeout> | undefined;
  private deadTimer: ReturnType<typeof setTimeout> | undefined;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    url: string,
    options: Partial<KeepaliveOptions> = {},
    open?: WebSocketFactory,
    inbound: InboundSip = new InboundSip(),
  ) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') throw new TypeError(`Not a WebSocket URL: ${url}`);
    this.url = url;
    this.sip_uri = `sip:${parsed.host};transport=ws`;
    this.via_transport = parsed.protocol === 'wss:' ? 'WSS' : 'WS';
    this.options = { ...DEFAULT_KEEPALIVE, ...options };
    this.open = open ?? ((target, protocol) => new WebSocket(target, protocol));
    this.inbound = inbound;
  }

  connect(): void {
    if (this.isConnected() || this.isConnecting()) return;
    this.closeQuietly();
    const ws = this.open(this.url, 'sip');
    this.ws = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      clearTimeout(this.connectTimer);
      this.heard();
      this.onconnect();
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.stopTimers();
      this.ws = null;
      this.ondisconnect(!event.wasClean, event.code, event.reason);
    };
    ws.onmessage = (event) => {
      this.heard();
      this.inbound.receive(
        event.data as string | ArrayBuffer,
        (text) => this.ondata(text),
        (reply) => this.send(reply),
      );
    };
    ws.onerror = () => {};
    this.connectTimer = setTimeout(() => this.drop('connect timeout'), this.options.connectTimeoutMs);
  }

  disconnect(): void {
    this.closeQuietly();
  }

  /** JsSIP only ever sends text (Transport.send stringifies). */
  send(message: string): boolean {
    if (!this.ws || !this.isConnected()) return false;
    this.ws.send(message);
    return true;
  }

  isConnected(): boolean {
    return this.ws?.readyState === OPEN;
  }

  isConnecting(): boolean {
    return this.ws?.readyState === CONNECTING;
  }

  /** Give up on this connection now and tell JsSIP it was lost (it then reconnects). */
  drop(reason: string): void {
    if (!this.ws) return;
    this.closeQuietly();
    this.ondisconnect(true, DROPPED_CLOSE_CODE, reason);
  }

  /** Ask the server for a sign of life now (after a resume the connection may be long dead). */
  probe(): void {
    if (this.isConnected()) this.ping();
  }

  /** Anything from the server (a CRLF answer, a SIP message) proves the connection is alive. */
  private heard(): void {
    clearTimeout(this.deadTimer);
    this.deadTimer = undefined;
    clearTimeout(this.pingTimer);
    this.pingTimer = setTimeout(() => this.ping(), this.options.pingAfterMs);
  }

  private ping(): void {
    if (!this.ws || this.deadTimer) return;
    this.ws.send('\r\n\r\n');
    this.deadTimer = setTimeout(() => this.drop('keepalive unanswered'), this.options.answerWithinMs);
  }

  private stopTimers(): void {
    clearTimeout(this.pingTimer);
    clearTimeout(this.deadTimer);
    clearTimeout(this.connectTimer);
    this.deadTimer = undefined;
  }

  private closeQuietly(): void {
    this.stopTimers();
    const ws = this.ws;
    if (!ws) return;
    this.ws = null;
    ws.onopen = null;
    ws.onclose = null;
    ws.onmessage = null;
    ws.onerror = null;
    try {
      ws.close();
    } catch {
      // Closing a socket that never opened may throw in some engines; it is gone either way.
    }
  }
}
