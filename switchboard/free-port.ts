import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';

/** Binds TCP port `port` (0 = any) on 127.0.0.1 and releases it; resolves the bound port or null if taken. */
function tryTcp(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : null;
      server.close(() => resolve(bound));
    });
  });
}

function tryUdp(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(null);
    });
    socket.bind({ address: '127.0.0.1', port, exclusive: true }, () => {
      const bound = socket.address().port;
      socket.close(() => resolve(bound));
    });
  });
}

// Ports handed out by this process but not yet bound by their real owner: never hand them out twice.
const handedOut = new Set<number>();

/**
 * Ports are picked at random below Linux's ephemeral range (32768+). A port the kernel handed out (bind to 0)
 * could be handed again to any process's next outgoing connection between our check and the real owner's
 * bind: a full run once failed to start a baresip line with "Address already in use" that way. Below the
 * range the kernel never assigns ports by itself; random picks keep parallel runs apart.
 */
const LOWEST = 10_000;
const HIGHEST = 32_000;

/**
 * A port free for BOTH TCP and UDP on 127.0.0.1, so the caller can use it for either
 * (SIP listens on both). There is an unavoidable race until the real owner binds it.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (HIGHEST - LOWEST));
    if (handedOut.has(port)) continue;
    if ((await tryTcp(port)) === port && (await tryUdp(port)) === port) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('freePort: no free TCP+UDP port found');
}

/**
 * A port free as freePort() whose next port is free for TCP too: baresip listens for SIP on
 * `port` (UDP and TCP) and for SIP over TLS on `port + 1`, which nobody checked before: a busy
 * machine (thousands of short connections, in TIME_WAIT on ephemeral ports) made baresip fail to start.
 */
export async function freeSipPort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = await freePort();
    if (!handedOut.has(port + 1) && (await tryTcp(port + 1)) === port + 1) {
      handedOut.add(port + 1);
      return port;
    }
  }
  throw new Error('freeSipPort: no free port pair found');
}

/**
 * `count` consecutive UDP ports that are currently free, picked at random below the Linux
 * ephemeral range (32768+) so kernel-assigned ports of other processes don't land inside.
 * Parallel runs pick different random regions, so their media ports don't collide.
 */
export async function freeUdpRange(count: number, low = LOWEST, high = HIGHEST): Promise<{ min: number; max: number }> {
  for (let attempt = 0; attempt < 100; attempt++) {
    // Even start: RTP conventionally uses even ports with RTCP on the next odd one.
    const min = low + 2 * Math.floor((Math.random() * (high - low - count)) / 2);
    const max = min + count - 1;
    let free = true;
    for (let port = min; port <= max && free; port++) {
      if (handedOut.has(port) || (await tryUdp(port)) !== port) free = false;
    }
    if (free) {
      for (let port = min; port <= max; port++) handedOut.add(port);
      return { min, max };
    }
  }
  throw new Error(`freeUdpRange: no ${count} consecutive free UDP ports found`);
}
