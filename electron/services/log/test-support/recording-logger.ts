import type { LogFields, Logger } from '../logger.ts';

export type RecordedLine = { level: 'debug' | 'info' | 'warn' | 'error'; message: string; fields: LogFields };

/** For tests: a Logger that keeps its lines (child bindings merged into each line's fields). */
export function recordingLogger(
  lines: RecordedLine[] = [],
  bindings: LogFields = {},
): Logger & { lines: RecordedLine[] } {
  const record =
    (level: RecordedLine['level']) =>
    (message: string, fields: LogFields = {}) =>
      void lines.push({ level, message, fields: { ...bindings, ...fields } });
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    child: (more) => recordingLogger(lines, { ...bindings, ...more }),
  };
}
