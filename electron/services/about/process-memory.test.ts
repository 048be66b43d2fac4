import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { processTreeUsage, pssKb, treeMemory } from './process-memory.ts';

describe.runIf(process.platform === 'linux')("the app's memory (About's Memory line)", () => {
  it('counts this process and the processes it started, each by its PSS', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30_000)'], { stdio: 'ignore' });
    await once(child, 'spawn');
    try {
      const processes = treeMemory(process.pid);
      expect(processes.map((p) => p.pid)).toEqual(expect.arrayContaining([process.pid, child.pid]));
      const usage = processTreeUsage();
      expect(usage.processes).toBeGreaterThanOrEqual(2);
      // More than this process alone (the child's own heap), and plausible for two Node processes.
      expect(usage.totalBytes).toBeGreaterThan(pssKb(process.pid) * 1024);
      expect(usage.totalBytes).toBeLessThan(4 * 1024 ** 3);
    } finally {
      child.kill();
    }
  });

  it('leaves out a process that is gone', () => {
    expect(treeMemory(2 ** 22 + 7)).toEqual([]);
  });
});
