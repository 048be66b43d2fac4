/**
 * Warnings and errors to stderr, redacted like the log files: what a developer running the app from a
 * terminal (or a test run of the browser host) sees. Debug and info lines go to the files only.
 */
import type { LogFields, Logger } from './logger.ts';
import { redactFields } from './redact.ts';

export function consoleLogger(prefix: string, bindings: LogFields = {}): Logger {
  const write = (level: 'warn' | 'error', message: string, fields: LogFields = {}) => {
    const { err, ...rest } = redactFields({ ...bindings, ...fields });
    const extra = Object.keys(rest).length ? ` ${printable(rest)}` : '';
    const stack = describeError(err);
    console[level](`[${prefix}] ${message}${extra}${stack}`);
  };
  return {
    debug() {},
    info() {},
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (more) => consoleLogger(prefix, { ...bindings, ...more }),
  };
}

/** A redacted error (redact.ts) keeps its stack: print that; anything else as it is. */
function describeError(err: unknown): string {
  if (err === undefined) return '';
  const stack = (err as { stack?: unknown } | null)?.stack;
  return typeof stack === 'string' ? `\n${stack}` : ` ${printable(err)}`;
}

/** Logging must never throw: a field that cannot be printed (a cycle) is named instead. */
function printable(value: unknown): string {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return '[unprintable]';
  }
}
