/**
 * Cuts the loopback path to some ports with iptables DROP rules, as a pulled cable or a dead
 * Wi-Fi would: packets vanish, nobody gets a FIN or RST. Only inside the test's network
 * namespace (scripts/in-netns.ts), where iptables is ours alone; `nft` and `tc netem` are not
 * available on the build machines.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSwitchboard } from '../../switchboard/index.ts';

export type Cut = { restore(): void };

/** Drop every packet to and from these TCP ports and UDP port ranges ("min:max") until restore(). */
export function cutPorts(ports: { tcp?: number[]; udp?: string[] }): Cut {
  if (process.env.SWITCHBOARD_IN_NETNS !== '1') throw new Error('network cuts only inside scripts/in-netns.ts');
  const rules: string[][] = [];
  for (const port of ports.tcp ?? []) {
    rules.push(['-p', 'tcp', '--dport', String(port)], ['-p', 'tcp', '--sport', String(port)]);
  }
  for (const range of ports.udp ?? []) {
    rules.push(['-p', 'udp', '--dport', range], ['-p', 'udp', '--sport', range]);
  }
  for (const rule of rules) execFileSync('iptables', ['-I', 'INPUT', ...rule, '-j', 'DROP']);
  let restored = false;
  return {
    restore() {
      if (restored) return;
      restored = true;
      for (const rule of rules) execFileSync('iptables', ['-D', 'INPUT', ...rule, '-j', 'DROP']);
    },
  };
}

/** The switchboard's SIP WebSocket port and rtpengine's media port range. */
export function switchboardPorts(switchboard: RunningSwitchboard): { ws: number; rtp: string } {
  const info = JSON.parse(readFileSync(join(switchboard.runDir, 'switchboard.json'), 'utf8')) as {
    wsPort: number;
    rtpPorts: { min: number; max: number };
  };
  return { ws: info.wsPort, rtp: `${info.rtpPorts.min}:${info.rtpPorts.max}` };
}
