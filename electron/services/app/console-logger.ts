/**
 * Warnings and errors to stderr, with their fields and stacks: what the hosts log through until the
 * file logger (the diagnostics work) takes the Logger port over. Debug and info lines are dropped.
 */
import type { LogFields, Logger } from '../log/logger.ts';

export function consoleLogger(prefix: string, bindings: LogFields = {}): Logger {
  const write = (level: 'warn' | 'error', message: string, fields: LogFields = {}) => {
    const { err, ...rest } = { ...bindings, ...fields };
    const extra = Object.keys(rest).length ? ` ${printable(rest)}` : '';
    const stack = err instanceof Error ? `\n${err.stack ?? err.message}` : err === undefined ? '' : ` ${String(err)}`;
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

/** Logging must never throw: a field that cannot be printed (a cycle, a BigInt) is named instead. */
function printable(fields: LogFields): string {
  try {
    return JSON.stringify(fields);
  } catch {
    return `{${Object.keys(fields).join(',')}: unprintable}`;
  }
}
