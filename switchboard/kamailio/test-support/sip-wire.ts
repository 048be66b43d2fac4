/**
 * Raw SIP for the hostile Kamailio tests: a WebSocket client that speaks SIP text (the `ws` package,
 * so nothing in between can tidy up a forged message), a UDP socket that records what reaches it, and
 * digest answers. Tests build every header themselves.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import type { SwitchboardUser } from '../../users.ts';

export const token = (): string => randomBytes(6).toString('hex');
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** The message's header value (first occurrence; compact forms are not used by these tests). */
export function header(message: string, name: string): string | undefined {
  return new RegExp(`^${name}:[ \\t]*(.*)$`, 'mi').exec(message)?.[1]?.trim();
}

export const isResponse = (message: string): boolean => message.startsWith('SIP/2.0 ');
export const statusOf = (message: string): number => Number(/^SIP\/2\.0 (\d{3})/.exec(message)?.[1] ?? 0);

export type SipRequest = {
  method: string;
  uri: string;
  /** The whole From value without the tag, e.g. `"Alice" <sip:3001@127.0.0.1:5060>`. */
  from: string;
  /** Default: `<uri>`. */
  to?: string;
  callId?: string;
  /** Default: a new random tag. */
  fromTag?: string;
  cseq?: number;
  /** Where the sender says it is (Via and Contact host). Default: a random `.invalid` host, as JsSIP does. */
  viaHost?: string;
  viaTransport?: 'WS' | 'WSS' | 'UDP';
  headers?: string[];
};

/** A request as a client would put it on the wire. */
export function sipRequest(r: SipRequest): string {
  const host = r.viaHost ?? `${token()}.invalid`;
  const transport = r.viaTransport ?? 'WS';
  const contactUser = /sip:([^@;>]+)@/.exec(r.from)?.[1] ?? 'anonymous';
  return [
    `${r.method} ${r.uri} SIP/2.0`,
    `Via: SIP/2.0/${transport} ${host};branch=z9hG4bK${token()}`,
    'Max-Forwards: 70',
    `To: ${r.to ?? `<${r.uri}>`}`,
    `From: ${r.from};tag=${r.fromTag ?? token()}`,
    `Call-ID: ${r.callId ?? token()}`,
    `CSeq: ${r.cseq ?? 1} ${r.method}`,
    `Contact: <sip:${contactUser}@${host};transport=${transport.toLowerCase()}>`,
    ...(r.method === 'SUBSCRIBE' ? ['Event: presence', 'Expires: 60'] : []),
    ...(r.headers ?? []),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** The answer to a 401/407 challenge, as the header a client adds to its next attempt. */
export function digestAnswer(challenge: string, user: SwitchboardUser, method: string, uri: string): string {
  const line = header(challenge, 'WWW-Authenticate') ?? header(challenge, 'Proxy-Authenticate') ?? '';
  const nonce = /nonce="([^"]+)"/.exec(line)?.[1] ?? '';
  const realm = /realm="([^"]+)"/.exec(line)?.[1] ?? '';
  const response = md5(`${md5(`${user.user}:${realm}:${user.password}`)}:${nonce}:${md5(`${method}:${uri}`)}`);
  const name = statusOf(challenge) === 407 ? 'Proxy-Authorization' : 'Authorization';
  return `${name}: Digest username="${user.user}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5`;
}

/** The lines of every header `name` in the message, in order. */
export const headerLines = (message: string, name: string): string[] =>
  message.split('\r\n').filter((line) => new RegExp(`^${name}:`, 'i').test(line));

/** A reply to `request` (Via, Record-Route, From, To, Call-ID, CSeq copied; a To tag added). */
export function sipResponse(request: string, status: number, reason: string, contact?: string): string {
  const to = header(request, 'To') ?? '';
  return [
    `SIP/2.0 ${status} ${reason}`,
    ...headerLines(request, 'Via'),
    ...headerLines(request, 'Record-Route'),
    `To: ${/;tag=/.test(to) ? to : `${to};tag=${token()}`}`,
    `From: ${header(request, 'From') ?? ''}`,
    `Call-ID: ${header(request, 'Call-ID') ?? ''}`,
    `CSeq: ${header(request, 'CSeq') ?? ''}`,
    ...(contact ? [`Contact: <${contact}>`] : []),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

export interface SipWebSocket {
  /** The client's local TCP port (to test a new connection from the same port). */
  localPort: number;
  send(message: string): void;
  /** The next final response whose CSeq method is `method` (provisional ones are skipped). */
  final(method: string, timeoutMs?: number): Promise<string>;
  /** Every request that reached this client so far. */
  requests: string[];
  /** Ends the connection with a WebSocket close and a TCP FIN, as a tab that is closed. */
  close(): Promise<void>;
  /** Ends the connection with a TCP reset and no WebSocket close, as a crashed or unplugged computer. */
  reset(): Promise<void>;
}

export type SipWebSocketOptions = {
  localPort?: number;
  /** Answer INVITEs with 200 (a call set up) instead of 486. */
  answerCalls?: boolean;
};

/**
 * A SIP-over-WebSocket client. Requests that reach it are recorded and answered (INVITE with 486,
 * anything else but ACK with 200) so that a forged request that gets through ends at once and is seen.
 */
export async function connectSip(url: string, options: SipWebSocketOptions = {}): Promise<SipWebSocket> {
  // The port of a connection that just closed is free once the kernel is done with its last state.
  for (let attempt = 0; ; attempt++) {
    try {
      return await openSip(url, options);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!options.localPort || attempt >= 50 || (code !== 'EADDRINUSE' && code !== 'EADDRNOTAVAIL')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function openSip(url: string, options: SipWebSocketOptions): Promise<SipWebSocket> {
  const ws = new WebSocket(url, 'sip', options.localPort ? { localPort: options.localPort } : {});
  const responses: string[] = [];
  const requests: string[] = [];
  const contact = `sip:phone@${token()}.invalid;transport=ws`;
  const waiters: Array<() => void> = [];
  ws.on('message', (data: Buffer) => {
    const message = data.toString();
    if (isResponse(message)) {
      responses.push(message);
      waiters.splice(0).forEach((wake) => wake());
      return;
    }
    requests.push(message);
    const method = /^(\S+)/.exec(message)?.[1];
    if (method === 'INVITE' && options.answerCalls) ws.send(sipResponse(message, 200, 'OK', contact));
    else if (method === 'INVITE') ws.send(sipResponse(message, 486, 'Busy Here'));
    else if (method !== 'ACK') ws.send(sipResponse(message, 200, 'OK'));
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const socket = (ws as unknown as { _socket: Socket })._socket;
  const ended = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  return {
    localPort: socket.localPort ?? 0,
    send: (message) => ws.send(message),
    async final(method, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const index = responses.findIndex(
          (m) => statusOf(m) >= 200 && new RegExp(`^CSeq:\\s*\\d+\\s+${method}\\s*$`, 'mi').test(m),
        );
        if (index >= 0) return responses.splice(index, 1)[0]!;
        const left = until - Date.now();
        if (left <= 0) throw new Error(`no final response to ${method} within ${timeoutMs} ms`);
        await new Promise<void>((wake) => {
          const timer = setTimeout(wake, left);
          waiters.push(() => {
            clearTimeout(timer);
            wake();
          });
        });
      }
    },
    requests,
    async close() {
      ws.close();
      await ended;
    },
    async reset() {
      socket.resetAndDestroy();
      await ended;
    },
  };
}

/** Registers `user` over the connection (digest included) and resolves once the switchboard said 200. */
export async function registerOver(sip: SipWebSocket, user: SwitchboardUser, domain: string): Promise<void> {
  const registrar = `sip:${domain}`;
  const to = `<sip:${user.user}@${domain}>`;
  const callId = token();
  const base = { method: 'REGISTER', uri: registrar, from: to, to, callId, headers: ['Expires: 600'] };
  sip.send(sipRequest(base));
  const challenge = await sip.final('REGISTER');
  if (statusOf(challenge) !== 401) throw new Error(`REGISTER was not challenged: ${challenge.split('\r\n')[0]}`);
  sip.send(
    sipRequest({
      ...base,
      cseq: 2,
      headers: ['Expires: 600', digestAnswer(challenge, user, 'REGISTER', registrar)],
    }),
  );
  const answer = await sip.final('REGISTER');
  if (statusOf(answer) !== 200) throw new Error(`REGISTER failed: ${answer.split('\r\n')[0]}`);
}

/** A UDP socket on 127.0.0.1 that records every datagram: the "anywhere" a relay must never reach. */
export interface UdpRecorder {
  port: number;
  received: string[];
  close(): Promise<void>;
}

export async function udpRecorder(): Promise<UdpRecorder> {
  const socket: UdpSocket = createSocket('udp4');
  const received: string[] = [];
  socket.on('message', (data) => received.push(data.toString()));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: socket.address().port,
    received,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
