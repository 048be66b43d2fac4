/**
 * Random packet loss on the switchboard's media ports with iptables (statistic match), for tests
 * that run inside the loopback-only network namespace (scripts/in-netns.ts). tc netem is not
 * available on our machines; iptables is.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSwitchboard } from '../../switchboard/index.ts';

export type MediaLoss = { remove(): void };

/** rtpengine's port range of this switchboard run. */
export function rtpPortRange(switchboard: RunningSwitchboard): { min: number; max: number } {
  const config = JSON.parse(readFileSync(join(switchboard.runDir, 'switchboard.json'), 'utf8')) as {
    rtpPorts: { min: number; max: number };
  };
  return config.rtpPorts;
}

/**
 * Drops `probability` of the UDP packets sent to rtpengine's media ports, in both call directions
 * (every phone sends its audio to rtpengine). Refuses to run outside the test namespace.
 */
export function dropMediaPackets(switchboard: RunningSwitchboard, probability: number): MediaLoss {
  if (process.env.SWITCHBOARD_IN_NETNS !== '1') throw new Error('Run inside scripts/in-netns.ts');
  const { min, max } = rtpPortRange(switchboard);
  const rule = [
    'INPUT',
    ...['-p', 'udp', '--dport', `${min}:${max}`],
    ...['-m', 'statistic', '--mode', 'random', '--probability', String(probability), '-j', 'DROP'],
  ];
  execFileSync('iptables', ['-I', ...rule]);
  let removed = false;
  return {
    remove() {
      if (removed) return;
      removed = true;
      execFileSync('iptables', ['-D', ...rule]);
    },
  };
}
