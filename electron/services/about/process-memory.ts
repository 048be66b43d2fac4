/**
 * Memory of a process and everything it started, as Linux accounts it: PSS (proportional set size,
 * /proc/PID/smaps_rollup), where pages shared between Chromium's processes are split among them,
 * so the sum is what the app as a whole costs the machine. Settings › About shows it (the browser
 * host: Node and its Chromium); bench:footprint measures with it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { MemoryUsage } from '../../../src/shared/update.ts';

export type ProcessMemory = { pid: number; kind: string; pssKb: number };

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // The process ended between the listing and the read.
  }
}

/** Every live pid's parent, from /proc/PID/stat (the name may hold spaces and parentheses). */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    map.set(Number(entry), Number(fields[1]));
  }
  return map;
}

/** `root` and its descendants. */
export function processTree(root: number): number[] {
  const parentOf = parents();
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, parent] of parentOf) if (parent === tree[i]) tree.push(pid);
  }
  return tree;
}

/**
 * "node", "chromium browser", "renderer", "gpu-process", "utility (network)"… from the command line
 * (Chromium rewrites its own into one space-separated string, so the switches are searched for).
 */
function kindOf(pid: number): string {
  const cmdline = (read(`/proc/${pid}/cmdline`) ?? '').replaceAll('\0', ' ');
  const type = /--type=(\S+)/.exec(cmdline)?.[1];
  const service = /--utility-sub-type=\S*?(\w+)\.mojom\.\w+/.exec(cmdline)?.[1];
  if (type) return service ? `${type} (${service})` : type;
  const exe = cmdline.split(' ')[0]?.split('/').at(-1) ?? '?';
  return /chrom/.test(exe) ? 'chromium browser' : exe;
}

export function pssKb(pid: number): number {
  const rollup = read(`/proc/${pid}/smaps_rollup`);
  const match = rollup?.match(/^Pss:\s+(\d+) kB/m);
  return match ? Number(match[1]) : 0;
}

/** Each process of the tree with its PSS; processes that ended meanwhile count 0 and are left out. */
export function treeMemory(root: number): ProcessMemory[] {
  return processTree(root)
    .map((pid) => ({ pid, kind: kindOf(pid), pssKb: pssKb(pid) }))
    .filter((p) => p.pssKb > 0);
}

/** What the app uses now: the PSS of this process and all it started; not known off Linux (no /proc). */
export function processTreeUsage(root = process.pid): MemoryUsage {
  if (process.platform !== 'linux') return { totalBytes: null, processes: 0 };
  const processes = treeMemory(root);
  return { totalBytes: processes.reduce((sum, p) => sum + p.pssKb, 0) * 1024, processes: processes.length };
}
