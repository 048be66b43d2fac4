/**
 * The app's diagnostics in one piece, for the composition root: the log files under
 * `<dataDir>/logs` (main.log for main and the services, engine.log for the engine page), the
 * intake for the engine's lines arriving over IPC, and "Export diagnostics". Plain Node: Electron
 * main and the browser host open it the same way.
 */
import { platform, release, arch } from 'node:os';
import { join } from 'node:path';
import { engineLogIntake, type EngineLogEntry } from '../log/engine-log-intake.ts';
import { openFileLogger, type FileLogger, type LogLevel } from '../log/file-logger.ts';
import { silentLogger, type Logger } from '../log/logger.ts';
import {
  exportDiagnostics,
  type DiagnosticsFacts,
  type DiagnosticsTarget,
  type ExportDiagnosticsResult,
} from './export-diagnostics.ts';

export type DiagnosticsOptions = {
  dataDir: string;
  /** 'debug' for more detail when diagnosing (e.g. from SWITCHBOARD_LOG_LEVEL); anything else: info. */
  level?: string | undefined;
  /** Size cap of each log file and how many rotated ones are kept (defaults in file-logger.ts). */
  maxFileBytes?: number | undefined;
  keepRotated?: number | undefined;
};

export type Diagnostics = {
  logsDir: string;
  /** main.log: give it (or a child of it) to the core and the services. */
  logger: Logger;
  /** engine.log, for what the host itself sees of the engine page (its console errors, its crashes). */
  engineLogger: Logger;
  /** The engine router's sink for the engine page's `log` event: rate-limited into engine.log. */
  engineLog: (entry: EngineLogEntry) => void;
  /** The UI verb `exportDiagnostics`: asks `target` where, then writes the zip there. */
  exportTo(target: DiagnosticsTarget, facts: DiagnosticsFacts): Promise<ExportDiagnosticsResult>;
  /** Every line written so far is on disk once this resolves. */
  flush(): Promise<void>;
  close(): Promise<void>;
};

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export function openDiagnostics(options: DiagnosticsOptions): Diagnostics {
  const logsDir = join(options.dataDir, 'logs');
  const level = LEVELS.find((known) => known === options.level) ?? 'info';
  const limits = { level, maxFileBytes: options.maxFileBytes, keepRotated: options.keepRotated };
  const main = openOrSilent(() => openFileLogger({ dir: logsDir, name: 'main', ...limits }));
  const engine = openOrSilent(() => openFileLogger({ dir: logsDir, name: 'engine', ...limits }));
  main.info('started', { platform: platform(), release: release(), arch: arch(), logLevel: level });

  const flushLogs = async () => {
    await Promise.all([main.flush(), engine.flush()]);
  };
  return {
    logsDir,
    logger: main,
    engineLogger: engine,
    engineLog: engineLogIntake(engine),
    exportTo: (target, facts) => exportDiagnostics({ logsDir, target, facts, flushLogs, log: main }),
    flush: flushLogs,
    async close() {
      main.info('stopped');
      await Promise.all([main.close(), engine.close()]);
    },
  };
}

/** A data directory where no log can be opened (read-only, full) still lets the app start, without logs. */
function openOrSilent(open: () => FileLogger): Pick<FileLogger, keyof Logger | 'flush' | 'close'> {
  try {
    return open();
  } catch (error) {
    process.stderr.write(`[log] no log file: ${error instanceof Error ? error.message : String(error)}\n`);
    return { ...silentLogger, flush: async () => {}, close: async () => {} };
  }
}
