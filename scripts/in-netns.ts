/**
 * Runs a command in a fresh network namespace that has only loopback, so no
 * packet from a test or benchmark can leave the machine.
 * Usage: node scripts/in-netns.ts <command> [args...]
 */
import { spawnSync } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/in-netns.ts <command> [args...]');
  process.exit(2);
}
if (process.env.SWITCHBOARD_IN_NETNS === '1') {
  process.exit(spawnSync(command, args, { stdio: 'inherit' }).status ?? 1);
}
const result = spawnSync(
  'unshare',
  ['--net', '--', 'sh', '-c', 'ip link set lo up && exec "$@"', 'in-netns', command, ...args],
  { stdio: 'inherit', env: { ...process.env, SWITCHBOARD_IN_NETNS: '1' } },
);
if (result.error) {
  console.error(`Cannot create a network namespace (${result.error.message}); run as root on Linux.`);
  process.exit(1);
}
process.exit(result.status ?? 1);
