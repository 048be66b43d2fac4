import { chmod, copyFile, mkdir, mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { convertForPhone, makeToneWav } from './audio.ts';
import { renderBaresipAccount, renderBaresipConfig, type BaresipCodecs } from './baresip-config.ts';
import { freeSipPort, freeUdpRange } from './free-port.ts';
import { BaresipControl } from './baresip-control.ts';
import { stderrLog, type SwitchboardLog } from './log.ts';
import { startProcess } from './managed-process.ts';
import { waitUntil } from './probes.ts';
import type { RunningSwitchboard } from './switchboard.ts';
import type { SwitchboardUser } from './users.ts';

export type StartBaresipOptions = {
  /** Only where to register and keep files: a running switchboard, or the same from inside one being started. */
  switchboard: Pick<RunningSwitchboard, 'domain' | 'udpPort' | 'runDir'>;
  user: SwitchboardUser;
  autoAnswer?: boolean;
  /** The codecs it offers and answers; default G.711 only (a desk phone). */
  codecs?: BaresipCodecs;
  /** Played as the microphone (once; converted to 48 kHz mono). Default: a 440 Hz tone. */
  playWav?: string;
  /** Where to copy what the phone heard during its last call (written when a call closes). */
  recordWav?: string;
  runDir?: string;
  /** Log every SIP message the phone sends and receives (baresip -s) to its log file (tests read headers there). */
  sipTrace?: boolean;
  log?: SwitchboardLog;
};

export type BaresipEvent = { type: string; at: number; [k: string]: unknown };

export interface BaresipPhone {
  uri: string;
  pid: number;
  /** Resolves when baresip is gone: stopped, crashed, or stopped by us because its control connection broke. */
  exited: Promise<number | string>;
  /** baresip's stdout and stderr (with `sipTrace`, the SIP messages too). */
  logFile: string;
  waitForRegistered(timeoutMs?: number): Promise<void>;
  /** 'target' is a user ('1001') or a full SIP URI. */
  dial(target: string): Promise<void>;
  answer(): Promise<void>;
  hangup(): Promise<void>;
  /** Blind transfer of the current call (REFER) to a user ('1002') or a full SIP URI. */
  transfer(target: string): Promise<void>;
  /** Replaces what the phone plays from the next call on (aufile opens its file when a call's audio starts). */
  setPlayWav(path: string): Promise<void>;
  /**
   * Resolves the earliest event of `type` not yet returned by an earlier waitForEvent call
   * (so two calls in a row wait for two distinct CALL_CLOSED events).
   */
  waitForEvent(type: string, timeoutMs?: number): Promise<BaresipEvent>;
  events: BaresipEvent[];
  stop(): Promise<void>;
}

type Waiter = { type: string; resolve: (event: BaresipEvent) => void };

export async function startBaresip(options: StartBaresipOptions): Promise<BaresipPhone> {
  const { switchboard, user } = options;
  const dir = options.runDir
    ? resolve(options.runDir)
    : await mkdtemp(join(switchboard.runDir, `baresip-${user.user}-`));
  await mkdir(dir, { recursive: true });

  const sourceWav = join(dir, 'source.wav');
  if (options.playWav) await convertForPhone(options.playWav, sourceWav);
  else await makeToneWav(sourceWav);
  const recordDir = options.recordWav ? join(dir, 'recordings') : null;
  if (recordDir) await mkdir(recordDir, { recursive: true });

  const sipPort = await freeSipPort();
  const rtpPorts = await freeUdpRange(10);
  const accountLine = renderBaresipAccount({
    user: user.user,
    password: user.password,
    displayName: user.displayName,
    domain: switchboard.domain,
    proxyPort: switchboard.udpPort,
    autoAnswer: options.autoAnswer ?? false,
    codecs: options.codecs ?? 'g711',
  }).trim();
  // The account is added over the control channel ("uanew") once we are connected, so no REGISTER_OK/FAIL
  // event can fire before anyone listens.
  await writeFile(join(dir, 'accounts'), '');
  await writeFile(join(dir, 'contacts'), '');

  const events: BaresipEvent[] = [];
  const consumed = new Set<BaresipEvent>();
  const waiters = new Set<Waiter>();
  let stopping = false;
  const log = options.log ?? stderrLog;

  const saveRecording = async (): Promise<void> => {
    if (!recordDir || !options.recordWav) return;
    const decoded = (await readdir(recordDir)).filter((name) => name.endsWith('-dec.wav'));
    let newest: { path: string; mtime: number } | null = null;
    for (const name of decoded) {
      const path = join(recordDir, name);
      const { mtimeMs } = await stat(path);
      if (!newest || mtimeMs > newest.mtime) newest = { path, mtime: mtimeMs };
    }
    if (newest) await copyFile(newest.path, options.recordWav);
  };

  const deliver = (event: BaresipEvent) => {
    events.push(event);
    for (const waiter of waiters) {
      if (waiter.type === event.type && !consumed.has(event)) {
        consumed.add(event);
        waiters.delete(waiter);
        waiter.resolve(event);
      }
    }
  };

  const onEvent = (message: Record<string, unknown> & { type: string }) => {
    const event: BaresipEvent = { ...message, at: Date.now() };
    if (event.type === 'CALL_CLOSED' && recordDir) {
      // sndfile finishes the WAV when the call's audio is torn down, just after this event is sent.
      setTimeout(() => {
        void saveRecording().finally(() => deliver(event));
      }, 300);
    } else {
      deliver(event);
    }
  };

  // The broker listens before baresip starts: its mqtt module connects once, while loading.
  let proc: ReturnType<typeof startProcess> | null = null;
  const control = await BaresipControl.open({
    name: `baresip ${user.user}`,
    log,
    onEvent,
    // Without its control channel the phone is deaf and dumb: end it, so whoever supervises it starts a new one.
    onBroken: (reason) => {
      if (stopping || !proc) return;
      log.warn(`baresip ${user.user}: stopping it, its control connection broke`, { pid: proc.pid, reason });
      void proc.stop();
    },
  });
  // The config holds the channel's password: readable by us only.
  const configFile = join(dir, 'config');
  await writeFile(
    configFile,
    renderBaresipConfig({
      sipPort,
      controlLines: control.configLines(),
      rtpPorts,
      sourceWav,
      recordDir,
      codecs: options.codecs ?? 'g711',
    }),
  );
  await chmod(configFile, 0o600);
  const logFile = join(dir, 'baresip.log');
  proc = startProcess('baresip', ['-f', dir, ...(options.sipTrace ? ['-s'] : [])], logFile, dir);
  const started = proc;
  let exited = false;
  void started.exited.then(() => {
    exited = true;
  });
  let listening = false;
  void control.connected.then(() => {
    listening = true;
  });
  try {
    await waitUntil(
      `baresip's control channel (see ${logFile})`,
      async () => listening,
      10_000,
      () => !exited,
    );
  } catch (error) {
    stopping = true;
    await control.close();
    await started.stop();
    throw error;
  }
  const command = (name: string, params?: string) => control.command(name, params);

  const waitForEvent = (type: string, timeoutMs = 10_000): Promise<BaresipEvent> => {
    const ready = events.find((event) => event.type === type && !consumed.has(event));
    if (ready) {
      consumed.add(ready);
      return Promise.resolve(ready);
    }
    return new Promise((resolveEvent, reject) => {
      const waiter: Waiter = {
        type,
        resolve: (event) => {
          clearTimeout(timer);
          resolveEvent(event);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        const seen = events.map((event) => event.type).join(', ');
        reject(new Error(`baresip ${user.user}: no ${type} within ${timeoutMs} ms (events: ${seen}; log ${logFile})`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  };

  try {
    await command('uanew', accountLine);
  } catch (error) {
    stopping = true;
    await control.close();
    await started.stop();
    throw error;
  }

  const uri = `sip:${user.user}@${switchboard.domain}`;
  return {
    uri,
    pid: started.pid,
    exited: started.exited,
    logFile,
    events,
    waitForEvent,
    async waitForRegistered(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const ok = events.find((event) => event.type === 'REGISTER_OK');
        const fail = events.find((event) => event.type === 'REGISTER_FAIL');
        if (fail && (!ok || fail.at > ok.at)) {
          throw new Error(`baresip ${user.user}: registration failed: ${String(fail['param'])}`);
        }
        if (ok) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`baresip ${user.user}: not registered after ${timeoutMs} ms (log ${logFile})`);
    },
    async dial(target) {
      await command('dial', target);
    },
    async answer() {
      await command('accept');
    },
    async hangup() {
      await command('hangup');
    },
    async transfer(target) {
      await command('transfer', target);
    },
    async setPlayWav(path) {
      await convertForPhone(path, sourceWav);
    },
    async stop() {
      stopping = true;
      await control.close();
      await started.stop();
    },
  };
}
