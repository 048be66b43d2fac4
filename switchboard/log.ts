/**
 * The switchboard's log: one line per event on stderr, a message plus structured fields
 * (`switchboard: kamailio exited, restarting {"pid":123,"inMs":500}`). The switchboard stands
 * alone (no imports from electron/), so it has its own small seam; tests pass a recording one.
 * Never put a password, code or token in a message or a field.
 */
export type LogFields = Record<string, unknown>;

export interface SwitchboardLog {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  /** Pass the caught value as `err`: its stack is written. */
  error(message: string, fields?: LogFields): void;
}

function line(message: string, fields: LogFields | undefined): string {
  if (!fields) return `switchboard: ${message}`;
  const plain = Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [
      key,
      value instanceof Error ? (value.stack ?? value.message) : value,
    ]),
  );
  return `switchboard: ${message} ${JSON.stringify(plain)}`;
}

export const stderrLog: SwitchboardLog = {
  info: (message, fields) => console.error(line(message, fields)),
  warn: (message, fields) => console.error(line(message, fields)),
  error: (message, fields) => console.error(line(message, fields)),
};

/** Keeps every line (tests read what the switchboard said). */
export function recordingLog(): SwitchboardLog & { lines: { level: string; message: string; fields: LogFields }[] } {
  const lines: { level: string; message: string; fields: LogFields }[] = [];
  const keep =
    (level: string) =>
    (message: string, fields: LogFields = {}) =>
      void lines.push({ level, message, fields });
  return { lines, info: keep('info'), warn: keep('warn'), error: keep('error') };
}
