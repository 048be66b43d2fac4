/**
 * "Export diagnostics": one zip a user can send to support — the log files, the settings as the
 * app reads them with anything secret removed, the versions and the OS. Where it goes is a
 * DiagnosticsTarget chosen by the caller (Electron's save dialog, a directory in the browser host).
 * The account's password and device token are never in it: they live only in the encrypted
 * account file, which is not included, and the logs never held them (see log/redact.ts).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { arch, cpus, platform, release, totalmem, version as osVersion } from 'node:os';
import { join } from 'node:path';
import type { UiVerbOutput } from '../../../src/shared/ipc/contract.ts';
import { writeFileAtomic } from '../fs/atomic-write.ts';
import type { Logger } from '../log/logger.ts';
import { redactValue } from '../log/redact.ts';
import { zipEntries, type ZipEntry } from './zip.ts';

/**
 * Where the zip goes: the chosen path, or null when the user cancelled. The call log's
 * ExportTarget fits too (`directoryExportTarget` reads only the suggested name).
 */
export interface DiagnosticsTarget {
  choose(request: { suggestedName: string }): Promise<string | null>;
}

/** What only the composition root knows, read at the moment of the export. */
export type DiagnosticsFacts = {
  appVersion: string;
  build?: string | undefined;
  /** Runtime versions beyond this process's own (e.g. the browser host's Chromium). */
  runtime?: Record<string, string>;
  settings: unknown;
  desktopSettings: unknown;
};

export type ExportDiagnosticsResult = UiVerbOutput<'exportDiagnostics'>;

export type ExportDiagnosticsRequest = {
  logsDir: string;
  target: DiagnosticsTarget;
  facts: DiagnosticsFacts;
  /** Every log line written so far is on disk once this resolves. */
  flushLogs: () => Promise<void>;
  log: Logger;
  now?: Date;
};

const README = `Switchboard diagnostics

logs/main.log      the app and its services (newest); main.1.log … older
logs/engine.log    the phone engine (registration, calls, SIP); engine.1.log … older
system.json        app, runtime and operating-system versions
settings.json      the app's settings, secrets removed
desktop-settings.json  start at login, call links, shortcuts

Passwords, sign-in codes, tokens and message bodies are never written to these files.
`;

export async function exportDiagnostics(request: ExportDiagnosticsRequest): Promise<ExportDiagnosticsResult> {
  const now = request.now ?? new Date();
  const path = await request.target.choose({ suggestedName: `switchboard-diagnostics-${fileStamp(now)}.zip` });
  if (path === null) return { outcome: 'cancelled' };
  try {
    request.log.info('diagnostics export');
    await request.flushLogs();
    const entries: ZipEntry[] = [
      { name: 'README.txt', data: README, mtime: now },
      { name: 'system.json', data: json(systemFacts(request.facts, now)), mtime: now },
      { name: 'settings.json', data: json(redactValue(request.facts.settings)), mtime: now },
      { name: 'desktop-settings.json', data: json(redactValue(request.facts.desktopSettings)), mtime: now },
      ...(await logEntries(request.logsDir)),
    ];
    const zip = await zipEntries(entries);
    writeFileAtomic(path, zip);
    request.log.info('diagnostics exported', { files: entries.length, bytes: zip.byteLength });
    return { outcome: 'saved', path };
  } catch (error) {
    request.log.error('diagnostics export failed', { err: error });
    return { outcome: 'failed', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** Every log file (current and rotated), oldest name order: main.1.log, main.log … */
async function logEntries(logsDir: string): Promise<ZipEntry[]> {
  let names: string[];
  try {
    names = (await readdir(logsDir)).filter((name) => name.endsWith('.log')).sort();
  } catch {
    return [];
  }
  return Promise.all(
    names.map(async (name) => {
      const file = join(logsDir, name);
      const [data, info] = await Promise.all([readFile(file), stat(file)]);
      return { name: `logs/${name}`, data, mtime: info.mtime };
    }),
  );
}

export function systemFacts(facts: DiagnosticsFacts, now: Date): Record<string, unknown> {
  const { node, v8, electron, chrome } = process.versions as Record<string, string | undefined>;
  return {
    exportedAt: now.toISOString(),
    app: { version: facts.appVersion, build: facts.build ?? 'development' },
    runtime: { node, v8, electron, chrome, ...facts.runtime },
    os: {
      platform: platform(),
      release: release(),
      version: osVersion(),
      arch: arch(),
      cpus: cpus().length,
      memoryMiB: Math.round(totalmem() / 2 ** 20),
    },
  };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** 2026-12-07T09:05:03.123Z → 20261207-090503 (no colons: Windows file names). */
const fileStamp = (date: Date) =>
  date
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');
