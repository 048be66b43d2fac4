/** One Logger writing to several (the log files and the host's stderr). */
import type { LogFields, Logger } from './logger.ts';

export function teeLogger(...loggers: Logger[]): Logger {
  const each = (write: (logger: Logger) => void) => loggers.forEach(write);
  return {
    debug: (message: string, fields?: LogFields) => each((logger) => logger.debug(message, fields)),
    info: (message: string, fields?: LogFields) => each((logger) => logger.info(message, fields)),
    warn: (message: string, fields?: LogFields) => each((logger) => logger.warn(message, fields)),
    error: (message: string, fields?: LogFields) => each((logger) => logger.error(message, fields)),
    child: (bindings: LogFields) => teeLogger(...loggers.map((logger) => logger.child(bindings))),
  };
}
