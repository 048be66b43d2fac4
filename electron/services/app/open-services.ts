import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { CallLogStore } from '../call-log/index.ts';
import { CallLogReader } from '../call-log/call-log-reader.ts';
import { CredentialStore, type SecretBox } from '../credentials/index.ts';
import { JsonFileStore, SettingsService, type KeyValueStore } from '../settings/index.ts';
import { DirectoryStore } from '../directory/directory-store.ts';
import { silentLogger, type Logger } from '../log/logger.ts';
import type { CallLogPort } from './ports.ts';

export interface AppServices {
  callLog: CallLogStore;
  /** The call log as the core uses it: writes on main (each a single short statement), the view's pages read on a worker. */
  callLogPort: CallLogPort;
  settings: SettingsService;
  credentials: CredentialStore;
  /** The company directory's local copy (a cache of the service's: damaged, it is simply fetched again). */
  directory: DirectoryStore;
  /** Calls a previous crash left open and that were closed as 'interrupted' at start-up. */
  recoveredCalls: number;
  close(): void;
}

export type ReportProblem = (message: string) => void;

/**
 * Opens every persistent service under `dataDir`. Never throws for damaged files: each is
 * reported, set aside and replaced by a fresh one, because a softphone that will not start
 * is worse than one that lost its history or settings.
 */
export type OpenAppServicesOptions = {
  /** Where settings live; Electron passes electron-store, elsewhere a JSON file in dataDir. */
  settingsStore?: KeyValueStore;
  /** Where the problems found on opening are written (main.log); silent when absent. */
  log?: Logger;
  /** Receives each problem instead of the log (tests read them). */
  report?: ReportProblem;
};

export function openAppServices(
  dataDir: string,
  secretBox: SecretBox,
  options: OpenAppServicesOptions = {},
): AppServices {
  const log = options.log ?? silentLogger;
  const report = options.report ?? ((message: string) => log.warn(message));
  const settings = new SettingsService(
    options.settingsStore ??
      new JsonFileStore(join(dataDir, 'settings.json'), {
        onProblem: (p) => report(`settings file ${p.kind} (${p.detail}); using defaults`),
      }),
    { onInvalidStored: (p) => report(`setting ${p.key} invalid (${p.message}); using default`) },
  );
  const credentials = new CredentialStore({
    filePath: join(dataDir, 'account.bin'),
    secretBox,
    onProblem: (reason, detail) => report(`saved account ${reason}${detail ? ` (${detail})` : ''}`),
  });
  const callLogPath = join(dataDir, 'calls.sqlite');
  const callLog = openCallLog(callLogPath, report);
  const callLogReader = new CallLogReader(callLogPath);
  const recoveredCalls = callLog.recoverInterrupted(Date.now());
  if (recoveredCalls > 0) report(`closed ${recoveredCalls} call(s) left open by a previous crash`);

  const directory = openDirectory(join(dataDir, 'directory.sqlite'), report);

  return {
    callLog,
    callLogPort: callLogPort(callLog, callLogReader),
    settings,
    credentials,
    directory,
    recoveredCalls,
    close: () => {
      void callLogReader.close();
      callLog.close();
      directory.close();
    },
  };
}

function callLogPort(store: CallLogStore, reader: CallLogReader): CallLogPort {
  return {
    recordCallStarted: (snapshot) => store.recordCallStarted(snapshot),
    recordCallUpdated: (snapshot) => store.recordCallUpdated(snapshot),
    recordCallEnded: (snapshot) => store.recordCallEnded(snapshot),
    heartbeat: (callIds, now) => store.heartbeat(callIds, now),
    setWrapUp: (callIds, wrapUp) => store.setWrapUp(callIds, wrapUp),
    list: (query) => reader.list(query),
    delete: (id) => store.delete(id),
    clear: () => store.clear(),
    deleteStartedBefore: (cutoff) => store.deleteStartedBefore(cutoff),
    countUnseenMissed: () => store.countUnseenMissed(),
    markMissedSeen: (at) => store.markMissedSeen(at),
  };
}

function openDirectory(path: string, report: ReportProblem): DirectoryStore {
  try {
    return DirectoryStore.open(path);
  } catch (error) {
    if (!isCorruption(error)) throw error;
    // Only a copy of the service's directory: start empty and sync it again.
    report(`directory unreadable (${String(error)}); starting empty`);
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, `${path}.corrupt-${Date.now()}${suffix}`);
    }
    return DirectoryStore.open(path);
  }
}

function openCallLog(path: string, report: ReportProblem): CallLogStore {
  try {
    return CallLogStore.open(path);
  } catch (error) {
    // A schema from a newer build is not damage: refuse rather than discard that history.
    if (!isCorruption(error)) throw error;
    const aside = `${path}.corrupt-${Date.now()}`;
    report(`call log unreadable (${String(error)}); moved to ${aside}, starting empty`);
    renameSync(path, aside);
    // The WAL belongs to the damaged file; replaying it into a new one would be wrong.
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
    }
    return CallLogStore.open(path);
  }
}

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}
