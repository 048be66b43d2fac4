/**
 * The one logging seam for main and the services. The composition root makes the real
 * logger (files on disk, see the diagnostics service); services and the core take a
 * `Logger` in their deps and never know where lines go. Fields are structured so the
 * file logger can redact by key: never put a password, code, token or message body in
 * a message string.
 */
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  /** Pass the caught value as `err`: the file logger writes its stack. */
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines all carry `bindings` (e.g. `{ service: 'call-log' }`). */
  child(bindings: LogFields): Logger;
}

/** For unit tests and for code that runs before the logger exists. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};
