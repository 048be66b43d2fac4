import { connect } from 'node:net';
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it resolves true, or throws after `timeoutMs` (checking `alive` to fail fast). */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  alive?: () => boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (alive && !alive()) throw new Error(`${what}: process exited during startup`);
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`${what}: not ready after ${timeoutMs} ms`);
}

export function tcpAccepts(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Sends one UDP datagram and resolves the first reply, or null after `timeoutMs`. */
export function udpRequest(
  port: number,
  payload: Buffer | string,
  timeoutMs = 500,
  host = '127.0.0.1',
): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const done = (reply: Buffer | null) => {
      clearTimeout(timer);
      socket.close();
      resolve(reply);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    socket.once('message', (message) => done(message));
    socket.once('error', () => done(null));
    socket.send(payload, port, host);
  });
}

/** True once a SIP server answers an OPTIONS over UDP: proves the routing script runs, not just that a socket is bound. */
export async function sipUdpAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  const tag = randomBytes(6).toString('hex');
  const options = [
    `OPTIONS sip:${host}:${port} SIP/2.0`,
    `Via: SIP/2.0/UDP ${host}:9;branch=z9hG4bK${tag};rport`,
    'Max-Forwards: 70',
    `From: <sip:probe@${host}>;tag=${tag}`,
    `To: <sip:${host}:${port}>`,
    `Call-ID: probe-${tag}`,
    'CSeq: 1 OPTIONS',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  const reply = await udpRequest(port, options, 500, host);
  return reply !== null && reply.toString('latin1').startsWith('SIP/2.0 ');
}

/** rtpengine's ng protocol: "<cookie> <bencoded dict>"; a ping is answered with a pong. */
export async function rtpengineNgPongs(port: number, host = '127.0.0.1'): Promise<boolean> {
  const cookie = randomBytes(4).toString('hex');
  const reply = await udpRequest(port, `${cookie} d7:command4:pinge`, 500, host);
  return reply !== null && reply.toString('latin1').includes('pong');
}
