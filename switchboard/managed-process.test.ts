import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProcess } from './managed-process.ts';

/** Running, not a zombie waiting for whoever adopted it to reap it. */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

describe('managed processes', () => {
  it('a leader that dies on its own takes its forked children with it (no orphan holds its ports)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'managed-'));
    // The shell forks a sleeper into its group, prints its pid, then waits.
    const leader = startProcess('sh', ['-c', 'sleep 60 & echo $! > child.pid; wait'], join(dir, 'log'), dir);
    await expect
      .poll(() => existsSync(join(dir, 'child.pid')) && readFileSync(join(dir, 'child.pid'), 'utf8').trim() !== '')
      .toBe(true);
    const child = Number(readFileSync(join(dir, 'child.pid'), 'utf8'));
    expect(alive(child)).toBe(true);
    process.kill(leader.pid, 'SIGKILL');
    expect(await leader.exited).toBe('SIGKILL');
    await expect.poll(() => alive(child)).toBe(false);
  });
});
