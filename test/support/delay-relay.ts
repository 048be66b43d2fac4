/**
 * A userspace UDP relay on the media path, for delay and jitter (tc netem does not exist on our
 * machines). iptables DNAT sends every packet addressed to one of rtpengine's ports to a relay
 * socket, which forwards it after `delayMs ± jitterMs` from its own socket; replies come back the
 * same way, and conntrack rewrites them so the phones still see rtpengine's address. Only inside
 * the test network namespace, and set up before the call: conntrack keeps a flow's first routing.
 */
import dgram from 'node:dgram';
import { execFileSync } from 'node:child_process';
import { freeUdpRange } from '../../switchboard/free-port.ts';

export type DelayRelay = {
  /** Each packet waits delayMs plus a uniform random 0 … jitterMs; 0, 0 passes packets straight on. */
  set(delayMs: number, jitterMs: number): void;
  stop(): Promise<void>;
};

type Leg = { inbound: dgram.Socket; outbound: dgram.Socket; client: { port: number } | null };

export async function startDelayRelay(media: { min: number; max: number }): Promise<DelayRelay> {
  if (process.env.SWITCHBOARD_IN_NETNS !== '1') throw new Error('Run inside scripts/in-netns.ts');
  const count = media.max - media.min + 1;
  // Forwarding sockets on one block of ports, so one rule can leave their own packets alone.
  const forward = await freeUdpRange(count);
  let delayMs = 0;
  let jitterMs = 0;
  const later = (send: () => void) => {
    const wait = delayMs + Math.random() * jitterMs;
    if (wait <= 0) send();
    else setTimeout(send, wait);
  };
  const bind = (socket: dgram.Socket, port: number) =>
    new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, '127.0.0.1', () => resolve());
    });

  const legs: Leg[] = [];
  const rules: string[][] = [];
  for (let i = 0; i < count; i++) {
    const target = media.min + i;
    const leg: Leg = { inbound: dgram.createSocket('udp4'), outbound: dgram.createSocket('udp4'), client: null };
    await bind(leg.inbound, 0);
    await bind(leg.outbound, forward.min + i);
    leg.inbound.on('message', (message, from) => {
      leg.client = { port: from.port };
      later(() => leg.outbound.send(message, target, '127.0.0.1'));
    });
    leg.outbound.on('message', (message) => {
      const client = leg.client;
      if (client) later(() => leg.inbound.send(message, client.port, '127.0.0.1'));
    });
    legs.push(leg);
    const rule = [
      'OUTPUT',
      ...['-p', 'udp', '-d', '127.0.0.1', '--dport', String(target)],
      ...['!', '--sport', `${forward.min}:${forward.max}`],
      ...['-j', 'DNAT', '--to-destination', `127.0.0.1:${leg.inbound.address().port}`],
    ];
    execFileSync('iptables', ['-t', 'nat', '-A', ...rule]);
    rules.push(rule);
  }

  // rtpengine may send to a phone before the phone sends to it; such a flow would then be a
  // conntrack "reply" that no DNAT rule sees. Its direct packets are dropped, so every flow starts
  // at the phone and goes through the relay (rtpengine learns the relay's address from them).
  const direct = [
    'OUTPUT',
    ...['-p', 'udp', '-s', '127.0.0.1', '--sport', `${media.min}:${media.max}`],
    ...['!', '--dport', `${forward.min}:${forward.max}`, '-j', 'DROP'],
  ];
  execFileSync('iptables', ['-A', ...direct]);

  return {
    set(delay, jitter) {
      delayMs = delay;
      jitterMs = jitter;
    },
    async stop() {
      for (const rule of rules) execFileSync('iptables', ['-t', 'nat', '-D', ...rule]);
      execFileSync('iptables', ['-D', ...direct]);
      await Promise.all(
        legs
          .flatMap((leg) => [leg.inbound, leg.outbound])
          .map((socket) => new Promise<void>((done) => socket.close(() => done()))),
      );
    },
  };
}
