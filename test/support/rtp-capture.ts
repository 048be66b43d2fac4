/**
 * What went over the wire to a phone, for checks a phone's own report cannot make: tcpdump
 * (Debian's, from scripts/setup.sh; `captureRtp` returns null without it) records plain RTP to a port range on
 * loopback, and `telephoneEvents` reads the RFC 4733 packets of one payload type out of the file.
 *
 *   const capture = await captureRtp(dir, ports);  …  const packets = telephoneEvents(await capture.stop(), 101);
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type RtpCapture = { stop(): Promise<string> };

export type TelephoneEventPacket = {
  timestamp: number;
  marker: boolean;
  event: number;
  end: boolean;
  /** In the payload type's clock ticks. */
  duration: number;
};

/** Starts recording UDP to `ports` on loopback; null when tcpdump is not installed. */
export async function captureRtp(dir: string, ports: { min: number; max: number }): Promise<RtpCapture | null> {
  if (spawnSync('tcpdump', ['--version']).error) return null;
  const file = join(dir, `rtp-${ports.min}.pcap`);
  const proc = spawn(
    'tcpdump',
    ['-i', 'lo', '-U', '-s', '0', '-w', file, `udp dst portrange ${ports.min}-${ports.max}`],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let said = '';
  proc.stderr.on('data', (chunk) => (said += String(chunk)));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  // tcpdump says "listening on lo" once it captures.
  const until = Date.now() + 5_000;
  while (!said.includes('listening on') && Date.now() < until && proc.exitCode === null)
    await new Promise((resolve) => setTimeout(resolve, 50));
  if (!said.includes('listening on')) throw new Error(`tcpdump did not start: ${said}`);
  return {
    async stop() {
      proc.kill('SIGINT');
      await exited;
      return file;
    },
  };
}

/** The RFC 4733 packets of payload type `payloadType` in a pcap file, in order. */
export function telephoneEvents(pcapFile: string, payloadType: number): TelephoneEventPacket[] {
  const data = readFileSync(pcapFile);
  const little = data.readUInt32LE(0) === 0xa1b2c3d4 || data.readUInt32LE(0) === 0xa1b23c4d;
  const u32 = (offset: number) => (little ? data.readUInt32LE(offset) : data.readUInt32BE(offset));
  const linkType = u32(20);
  // Ethernet (tcpdump's loopback on Linux), Linux cooked, or raw IP.
  const linkHeader = linkType === 1 ? 14 : linkType === 113 ? 16 : linkType === 101 ? 0 : -1;
  if (linkHeader < 0) throw new Error(`pcap link type ${linkType} not read here`);
  const packets: TelephoneEventPacket[] = [];
  for (let offset = 24; offset + 16 <= data.length;) {
    const captured = u32(offset + 8);
    const frame = data.subarray(offset + 16, offset + 16 + captured);
    offset += 16 + captured;
    const ip = frame.subarray(linkHeader);
    if (ip.length < 20 || ip[0]! >> 4 !== 4 || ip[9] !== 17) continue;
    const rtp = ip.subarray((ip[0]! & 0x0f) * 4 + 8);
    if (rtp.length < 12 || rtp[0]! >> 6 !== 2 || (rtp[1]! & 0x7f) !== payloadType) continue;
    const headerLength = 12 + (rtp[0]! & 0x0f) * 4;
    const extension = (rtp[0]! & 0x10) !== 0 ? 4 + rtp.readUInt16BE(headerLength + 2) * 4 : 0;
    const payload = rtp.subarray(headerLength + extension);
    if (payload.length < 4) continue;
    packets.push({
      timestamp: rtp.readUInt32BE(4),
      marker: (rtp[1]! & 0x80) !== 0,
      event: payload[0]!,
      end: (payload[1]! & 0x80) !== 0,
      duration: payload.readUInt16BE(2),
    });
  }
  return packets;
}

/**
 * One digit per RTP timestamp, as a phone reads them: how it began (marker, not an end packet), how
 * many packets it had before and as its end, and its length in ms at `clockRate`.
 */
export function digitsOnTheWire(packets: TelephoneEventPacket[], clockRate: number) {
  const byTimestamp = new Map<number, TelephoneEventPacket[]>();
  for (const packet of packets)
    byTimestamp.set(packet.timestamp, [...(byTimestamp.get(packet.timestamp) ?? []), packet]);
  return [...byTimestamp.values()].map((group) => ({
    event: group[0]!.event,
    startsWithMarker: group[0]!.marker && !group[0]!.end,
    before: group.filter((packet) => !packet.end).length,
    ends: group.filter((packet) => packet.end).length,
    ms: Math.round((Math.max(...group.map((packet) => packet.duration)) * 1000) / clockRate),
  }));
}
