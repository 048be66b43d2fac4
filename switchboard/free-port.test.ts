import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, freeSipPort } from './free-port.ts';

const ephemeralLow = 32_768;

describe('ports for the switchboard’s processes', () => {
  it('are below the range the kernel gives outgoing connections, bindable, and never handed out twice', async () => {
    const ports = [await freePort(), await freePort(), await freeSipPort(), await freePort()];
    for (const port of ports) expect(port).toBeLessThan(ephemeralLow);
    expect(new Set(ports).size).toBe(ports.length);
    // The port is really free: its owner can bind it.
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: ports[0], exclusive: true }, resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});
