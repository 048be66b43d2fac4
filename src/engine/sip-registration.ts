/**
 * The JsSIP user agent's life: signing in to the switchboard with an account, staying
 * registered through reconnects and network changes, and saying how it goes in the
 * registration state the app shows. Calls are not its business: it hands on each incoming
 * call and says when registration is back, so calls can restart ICE.
 */
import * as JsSIP from 'jssip';
import type { IncomingRequest } from 'jssip/lib/SIPMessage.js';
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { IncomingRTCSessionEvent, OutgoingRTCSessionEvent } from 'jssip/lib/UA.js';
import type { RegistrationState } from '../shared/domain.ts';
import type { EngineAccount } from '../shared/ipc/contract.ts';
import { parseServerList } from '../shared/server-list.ts';
import { ConnectionSupervisor } from './connection-supervisor.ts';
import type { InboundSip } from './inbound-sip.ts';
import type { KeepaliveOptions } from './keepalive-socket.ts';
import { registrationFailure } from './registration-errors.ts';

export type RegistrationEvents = {
  state(state: RegistrationState): void;
  /** Registered (again): the moment for calls to follow a network change. */
  registered(): void;
  incoming(session: RTCSession, request: IncomingRequest): void;
};

/** How long a first connection may take before we call the server unreachable. */
const CONNECT_TIMEOUT_MS = 8000;

export class SipRegistration {
  private ua: JsSIP.UA | null = null;
  private current: EngineAccount | null = null;
  private everRegistered = false;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private connection: ConnectionSupervisor | null = null;
  private offline = false;
  private readonly events: RegistrationEvents;
  private readonly inbound: InboundSip;
  private readonly keepalive: Partial<KeepaliveOptions>;

  constructor(events: RegistrationEvents, inbound: InboundSip, keepalive: Partial<KeepaliveOptions> = {}) {
    this.events = events;
    this.inbound = inbound;
    this.keepalive = keepalive;
  }

  /** The account last signed in with. */
  get account(): EngineAccount | null {
    return this.current;
  }

  get userAgent(): JsSIP.UA | null {
    return this.ua;
  }

  register(account: EngineAccount): void {
    this.unregister();
    this.current = account;
    this.everRegistered = false;
    const connection = new ConnectionSupervisor(
      parseServerList(account.server) ?? [{ url: account.server, weight: 1 }],
      { inbound: this.inbound, keepalive: this.keepalive },
    );
    this.connection = connection;
    const ua = new JsSIP.UA({
      sockets: connection.weightedSockets,
      uri: `sip:${account.user}@${account.domain}`,
      authorization_user: account.user,
      password: account.password,
      display_name: account.displayName,
      register: true,
      user_agent: 'Switchboard',
      session_timers: false,
      connection_recovery_min_interval: 1,
      connection_recovery_max_interval: 8,
    });
    this.ua = ua;
    connection.attach(ua, (retryAt) => {
      if (this.ua === ua) this.report({ status: 'reconnecting', error: 'connection-lost', retryAt });
    });
    this.events.state({ status: 'connecting' });
    this.connectTimer = setTimeout(() => {
      if (this.ua === ua && !ua.isConnected())
        this.fail(ua, { status: 'error', error: 'server-unreachable', detail: 'Connection timed out' });
    }, CONNECT_TIMEOUT_MS);
    this.follow(ua, account, connection);
    ua.start();
  }

  unregister(): void {
    const ua = this.ua;
    if (!ua) return;
    this.ua = null;
    this.connection = null;
    clearTimeout(this.connectTimer);
    ua.stop();
    this.events.state({ status: 'signed-out' });
  }

  isRegistered(): boolean {
    return this.ua?.isRegistered() ?? false;
  }

  /** The OS network came back, changed, or the machine woke up: reconnect now, not at the next retry. */
  networkChanged(reason: 'online' | 'resume'): void {
    this.offline = false;
    this.connection?.reconnectNow(reason);
  }

  /** The OS says there is no network: say so instead of counting down retries that cannot work. */
  networkLost(): void {
    this.offline = true;
    if (this.ua) this.events.state({ status: 'offline' });
  }

  /** Send a REGISTER refresh now (diagnostics and tests). */
  refresh(): void {
    if (this.ua?.isConnected()) this.ua.register();
  }

  private follow(ua: JsSIP.UA, account: EngineAccount, connection: ConnectionSupervisor): void {
    ua.on('registered', () => {
      if (this.ua !== ua) return;
      this.everRegistered = true;
      this.offline = false;
      clearTimeout(this.connectTimer);
      this.events.state({ status: 'registered' });
      this.events.registered();
    });
    ua.on('unregistered', () => {
      // A dropped connection unregisters too; that is reported as reconnecting instead.
      if (this.ua === ua && ua.isConnected()) this.events.state({ status: 'unregistered' });
    });
    ua.on('registrationFailed', (event) => {
      if (this.ua !== ua) return;
      const state = registrationFailure(event.cause ?? 'SIP Failure Code', event.response);
      // A refused account will not get better by retrying with the same password.
      if (state.error === 'auth-failed' || !this.everRegistered) this.fail(ua, state);
      else this.events.state(state);
    });
    ua.on('disconnected', () => {
      if (this.ua !== ua) return;
      if (!this.everRegistered) {
        // Another switchboard address is tried at once before we call the server unreachable.
        if (!connection.untriedAddressLeft())
          this.fail(ua, { status: 'error', error: 'server-unreachable', detail: account.server });
      } else {
        // The supervisor schedules the next attempt and reports when it is due.
        this.report({ status: 'reconnecting', error: 'connection-lost' });
      }
    });
    ua.on('connecting', () => {
      if (this.ua === ua && this.everRegistered) this.report({ status: 'reconnecting', error: 'connection-lost' });
    });
    ua.on('newRTCSession', (event: IncomingRTCSessionEvent | OutgoingRTCSessionEvent) => {
      if (this.ua === ua && event.originator === 'remote') this.events.incoming(event.session, event.request);
    });
  }

  private report(state: RegistrationState): void {
    this.events.state(this.offline ? { status: 'offline' } : state);
  }

  private fail(ua: JsSIP.UA, state: RegistrationState): void {
    if (this.ua !== ua) return;
    this.ua = null;
    clearTimeout(this.connectTimer);
    ua.stop();
    this.events.state(state);
  }
}
