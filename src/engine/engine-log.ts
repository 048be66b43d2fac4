/**
 * The engine page's log. Lines go to main (which writes the engine's log file) once the
 * page's host connects a sink; until then, and in unit tests, to the console. Fields are
 * structured so main can redact by key: never put a password, code, token or SIP message
 * body in a message string.
 */
export type EngineLogLevel = 'debug' | 'info' | 'warn' | 'error';
export type EngineLogFields = Record<string, string | number | boolean | null>;
export type EngineLogSink = (level: EngineLogLevel, message: string, fields: EngineLogFields) => void;

const consoleSink: EngineLogSink = (level, message, fields) => {
  const write = level === 'error' ? console.error : level === 'warn' ? console.warn : console.log;
  write(`[engine] ${message}`, fields);
};

let sink: EngineLogSink = consoleSink;

export function setEngineLogSink(next: EngineLogSink | null): void {
  sink = next ?? consoleSink;
}

export const engineLog = {
  debug: (message: string, fields: EngineLogFields = {}) => sink('debug', message, fields),
  info: (message: string, fields: EngineLogFields = {}) => sink('info', message, fields),
  warn: (message: string, fields: EngineLogFields = {}) => sink('warn', message, fields),
  error: (message: string, fields: EngineLogFields = {}) => sink('error', message, fields),
};

/** What JsSIP refuses by throwing (a session the far side just ended, say) is logged, never thrown on. */
export function attempt(what: string, action: () => void): boolean {
  try {
    action();
    return true;
  } catch (error) {
    engineLog.warn(`Could not ${what}`, { error: String(error) });
    return false;
  }
}
