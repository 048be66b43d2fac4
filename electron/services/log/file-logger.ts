/**
 * The Logger port written to a size-capped, rotating file: one JSON object per line (pino),
 * rotated like logrotate by rotating-file-stream (`main.log` is the current file, `main.1.log`
 * the one before, … up to `keep` old files, then the oldest is deleted), so a busy or hostile
 * writer can never take more than (keep + 1) × maxFileBytes of the user's disk.
 *
 * Why these two: pino is the maintained structured logger for plain Node (levels, child
 * bindings, safe JSON of anything); given a stream it writes in-process, so nothing here needs
 * pino's worker-thread transports, which cannot load their worker from inside Electron's
 * app.asar. rotating-file-stream is a plain `stream.Writable` with size rotation and a kept-file
 * limit and keeps the current file's name stable (pino-roll numbers every file).
 *
 * Everything written goes through redact.ts first: secret keys blanked, strings redacted.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger as PinoLogger } from 'pino';
import type { Writable } from 'node:stream';
import { createStream } from 'rotating-file-stream';
import type { LogFields, Logger } from './logger.ts';
import { redactFields, redactText } from './redact.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
export const DEFAULT_KEEP_ROTATED = 3;

export type FileLoggerOptions = {
  dir: string;
  /** The file's stem: 'main' writes main.log and rotates to main.1.log, main.2.log, … */
  name: string;
  /** Lines below this level are not written (default info; debug when diagnosing). */
  level?: LogLevel | undefined;
  /** The current file is rotated once it reaches this size (default 2 MiB). */
  maxFileBytes?: number | undefined;
  /** How many rotated files are kept besides the current one (default 3). */
  keepRotated?: number | undefined;
};

export type FileLogger = Logger & {
  /** The current file (`<dir>/<name>.log`). */
  readonly file: string;
  /** Resolves once every line logged so far is in the file (before it is read or zipped). */
  flush(): Promise<void>;
  /** Writes what is pending and closes the file; later lines are dropped. */
  close(): Promise<void>;
};

/** pino's own keys; a field with one of these names is written as `_name` instead of clobbering it. */
const RESERVED_KEYS = new Set(['level', 'time', 'msg', 'pid']);

function writableFields(fields: LogFields | undefined): Record<string, unknown> {
  const redacted = redactFields(fields ?? {});
  for (const key of Object.keys(redacted)) {
    if (!RESERVED_KEYS.has(key)) continue;
    redacted[`_${key}`] = redacted[key];
    delete redacted[key];
  }
  return redacted;
}

class PinoPort implements Logger {
  readonly #pino: PinoLogger;
  readonly #writing: () => boolean;

  constructor(logger: PinoLogger, writing: () => boolean) {
    this.#pino = logger;
    this.#writing = writing;
  }

  debug(message: string, fields?: LogFields): void {
    this.#write('debug', message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.#write('info', message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.#write('warn', message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.#write('error', message, fields);
  }
  child(bindings: LogFields): Logger {
    return new PinoPort(this.#pino.child(writableFields(bindings)), this.#writing);
  }

  #write(level: LogLevel, message: string, fields: LogFields | undefined): void {
    if (!this.#writing() || !this.#pino.isLevelEnabled(level)) return;
    this.#pino[level](writableFields(fields), redactText(message));
  }
}

export function openFileLogger(options: FileLoggerOptions): FileLogger {
  mkdirSync(options.dir, { recursive: true });
  const currentName = `${options.name}.log`;
  // Used as the plain Writable it is (its typed event map does not line up with this @types/node).
  const stream: Writable = createStream(
    (index: number | null) => (index === null ? currentName : `${options.name}.${index}.log`),
    {
      path: options.dir,
      size: `${options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES}B`,
      rotate: options.keepRotated ?? DEFAULT_KEEP_ROTATED,
      // The user's own account only: logs name their server, extension and calls.
      mode: 0o600,
    },
  );
  let writing = true;
  // A full disk or a file taken away must never take the app down: file logging stops, once, loudly.
  stream.on('error', (error: Error) => {
    if (!writing) return;
    writing = false;
    process.stderr.write(`[log] ${join(options.dir, currentName)} stopped: ${error.message}\n`);
  });

  const logger = pino(
    {
      level: options.level ?? 'info',
      // No hostname: it often carries the user's name. The pid tells one run from the next.
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Errors arrive already turned into plain, redacted objects (redact.ts); pino's serializer would retype them.
      serializers: { err: (value: unknown) => value },
    },
    stream,
  );

  const port = new PinoPort(logger, () => writing);
  // Writes are queued in order, so the callback of an empty write means everything before it landed.
  const drained = () =>
    new Promise<void>((resolve) => {
      if (stream.destroyed || stream.writableEnded) resolve();
      else stream.write('', () => resolve());
    });
  return {
    file: join(options.dir, currentName),
    debug: (message, fields) => port.debug(message, fields),
    info: (message, fields) => port.info(message, fields),
    warn: (message, fields) => port.warn(message, fields),
    error: (message, fields) => port.error(message, fields),
    child: (bindings) => port.child(bindings),
    flush: drained,
    async close() {
      if (!writing) return;
      writing = false;
      await new Promise<void>((resolve) => {
        stream.once('close', resolve);
        stream.once('error', () => resolve());
        stream.end();
      });
    },
  };
}
