import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startProcess, type ManagedProcess } from './managed-process.ts';
import { sipUdpAnswers, tcpAccepts, waitUntil } from './probes.ts';

export type KamailioPorts = { udpPort: number; wsPort: number; wssPort: number };

export interface KamailioHandle {
  logFile: string;
  /** pid of the main process; null while stopped. */
  pid(): number | null;
  /** Resolves when the running kamailio is gone (stopped or crashed); null while stopped. */
  exited(): Promise<number | string> | null;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Runs kamailio in the foreground (-DD) under `runDir`, restartable on the same ports. */
export function kamailioHandle(runDir: string, configPath: string, ports: KamailioPorts): KamailioHandle {
  const logFile = join(runDir, 'kamailio.log');
  const runtimeDir = join(runDir, 'kamailio-run');
  let proc: ManagedProcess | null = null;
  let exited = false;

  const start = async (): Promise<void> => {
    if (proc) return;
    await mkdir(runtimeDir, { recursive: true });
    const args = [
      '-f',
      configPath,
      '-DD',
      '-E',
      '-Y',
      runtimeDir,
      '-P',
      join(runDir, 'kamailio.pid'),
      '-w',
      runDir,
      // Small shared/private memory: this is a test server, and test files run several in parallel.
      '-m',
      '64',
      '-M',
      '8',
    ];
    const started = startProcess('kamailio', args, logFile, runDir);
    proc = started;
    exited = false;
    void started.exited.then(() => {
      exited = true;
    });
    try {
      await waitUntil(
        `kamailio (see ${logFile})`,
        async () =>
          (await sipUdpAnswers(ports.udpPort)) && (await tcpAccepts(ports.wsPort)) && (await tcpAccepts(ports.wssPort)),
        15_000,
        () => !exited,
      );
    } catch (error) {
      await started.stop();
      proc = null;
      throw error;
    }
  };

  const stop = async (): Promise<void> => {
    const current = proc;
    proc = null;
    if (current) await current.stop();
  };

  return { logFile, pid: () => proc?.pid ?? null, exited: () => proc?.exited ?? null, start, stop };
}
