/**
 * A baresip line's private control channel. baresip 1.0's ctrl_tcp module listens on a TCP port any
 * local process can reach, and one malformed command (`{"command":1}`) ends baresip with a SIGSEGV.
 * Its mqtt module connects out to a broker instead, so each line gets a broker of its own (aedes, in
 * this process) on a Unix socket in a fresh 0700 directory: other users cannot open the socket, and
 * whoever can must still present the line's random password, and may then only subscribe to the
 * line's commands and publish its events and answers. Only we publish commands.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aedes, type AuthenticateError } from 'aedes';

/** The names baresip's mqtt module is configured with; its topics are `/<base>/command/+` and so on. */
const LINE = { clientId: 'baresip', user: 'baresip', baseTopic: 'line' } as const;
const COMMANDS = `/${LINE.baseTopic}/command/+`;
const EVENTS = `/${LINE.baseTopic}/event`;
const ANSWERS = `/${LINE.baseTopic}/command_resp/`;

export type LineMessage = { kind: 'event'; payload: string } | { kind: 'answer'; token: string; payload: string };

export type LineBrokerHandlers = {
  onMessage(message: LineMessage): void;
  /** The line's connection ended: baresip exited, or cut itself off. */
  onLineGone(): void;
  /** Someone who is not the line tried to connect, subscribe or publish. */
  onRefused(what: string): void;
};

export class LineBroker {
  readonly #broker: Aedes;
  readonly #server: Server;
  readonly #dir: string;
  readonly #password: string;
  readonly #sockets = new Set<Socket>();
  readonly connected: Promise<void>;
  #closed = false;

  static async open(handlers: LineBrokerHandlers): Promise<LineBroker> {
    // mkdtemp makes the directory 0700; the socket's own mode is not honoured everywhere.
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-line-'));
    const broker = await Aedes.createBroker();
    const line = new LineBroker(broker, dir, handlers);
    await new Promise<void>((resolve, reject) => {
      line.#server.once('error', reject);
      line.#server.listen(line.socketPath, () => resolve());
    });
    return line;
  }

  private constructor(broker: Aedes, dir: string, handlers: LineBrokerHandlers) {
    this.#broker = broker;
    this.#dir = dir;
    this.#password = randomBytes(24).toString('base64url');
    const isLine = (clientId: string | undefined) => clientId === LINE.clientId;

    broker.authenticate = (client, user, password, done) => {
      const ok = isLine(client.id) && user === LINE.user && password !== undefined && this.#passwordMatches(password);
      if (ok) return done(null, true);
      handlers.onRefused('a connection without the line credentials');
      const error = Object.assign(new Error('not the line'), { returnCode: 4 }) as AuthenticateError;
      done(error, false);
    };
    broker.authorizeSubscribe = (client, subscription, done) => {
      if (isLine(client.id) && subscription.topic === COMMANDS) return done(null, subscription);
      handlers.onRefused(`a subscription to ${JSON.stringify(subscription.topic)}`);
      done(new Error('not a line topic'));
    };
    broker.authorizePublish = (client, packet, done) => {
      // client is null for what this process publishes: the commands.
      if (client === null) return done(null);
      if (isLine(client.id) && (packet.topic === EVENTS || packet.topic.startsWith(ANSWERS))) return done(null);
      handlers.onRefused(`a publish to ${JSON.stringify(packet.topic)}`);
      done(new Error('not a line topic'));
    };

    broker.on('publish', (packet, client) => {
      if (!client || !isLine(client.id)) return;
      const payload = Buffer.from(packet.payload).toString('utf8');
      if (packet.topic === EVENTS) handlers.onMessage({ kind: 'event', payload });
      else handlers.onMessage({ kind: 'answer', token: packet.topic.slice(ANSWERS.length), payload });
    });
    broker.on('clientDisconnect', (client) => {
      if (isLine(client.id) && !this.#closed) handlers.onLineGone();
    });
    // A stranger's broken packets end its own connection; they are not ours to throw.
    broker.on('clientError', () => {});
    broker.on('connectionError', () => {});
    this.connected = new Promise((resolve) => {
      broker.on('subscribe', (subscriptions, client) => {
        if (isLine(client.id) && subscriptions.some((s) => s.topic === COMMANDS)) resolve();
      });
    });

    this.#server = createServer((socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('error', () => {});
      broker.handle(socket);
    });
  }

  get socketPath(): string {
    return join(this.#dir, 'control.sock');
  }

  /** baresip config lines: load the mqtt module and point it at this broker (port 0 = a Unix socket path). */
  configLines(): string[] {
    return [
      'module_app mqtt.so',
      `mqtt_broker_host ${this.socketPath}`,
      'mqtt_broker_port 0',
      `mqtt_broker_clientid ${LINE.clientId}`,
      `mqtt_broker_user ${LINE.user}`,
      `mqtt_broker_password ${this.#password}`,
      `mqtt_basetopic ${LINE.baseTopic}`,
    ];
  }

  sendCommand(token: string, payload: string): void {
    this.#broker.publish(
      { cmd: 'publish', topic: `/${LINE.baseTopic}/command/${token}`, payload, qos: 0, retain: false, dup: false },
      () => {},
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    await new Promise<void>((resolve) => this.#broker.close(() => resolve()));
    await rm(this.#dir, { recursive: true, force: true });
  }

  #passwordMatches(given: Buffer): boolean {
    const expected = Buffer.from(this.#password);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
