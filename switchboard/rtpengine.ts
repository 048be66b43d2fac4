import { join } from 'node:path';
import { startProcess, type ManagedProcess } from './managed-process.ts';
import { rtpengineNgPongs, waitUntil } from './probes.ts';

export type RtpengineOptions = { runDir: string; ngPort: number; portMin: number; portMax: number; logLevel?: number };

/** Userspace-only rtpengine (no kernel module: --table=-1) advertising 127.0.0.1. */
export async function startRtpengine(options: RtpengineOptions): Promise<ManagedProcess & { logFile: string }> {
  const logFile = join(options.runDir, 'rtpengine.log');
  const args = [
    '--config-file=none', // ignore /etc/rtpengine/rtpengine.conf (it opens CLI/HTTP ports we don't want)
    '--foreground',
    '--log-stderr',
    '--table=-1',
    '--interface=127.0.0.1',
    `--listen-ng=127.0.0.1:${options.ngPort}`,
    `--port-min=${options.portMin}`,
    `--port-max=${options.portMax}`,
    `--pidfile=${join(options.runDir, 'rtpengine.pid')}`,
    '--num-threads=2',
    '--delete-delay=0',
    '--timeout=60',
    `--log-level=${options.logLevel ?? 6}`,
  ];
  const proc = startProcess('rtpengine', args, logFile, options.runDir);
  let exited = false;
  void proc.exited.then(() => {
    exited = true;
  });
  try {
    await waitUntil(
      `rtpengine (see ${logFile})`,
      () => rtpengineNgPongs(options.ngPort),
      10_000,
      () => !exited,
    );
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { ...proc, logFile };
}
