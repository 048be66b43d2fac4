/**
 * Where the engine page's log lines land in main. The page is a renderer: if it were ever
 * compromised it could send lines as fast as IPC carries them, so lines are admitted from a token
 * bucket (a burst, then a steady rate) and the rest are counted, not written; the count is
 * written once lines are admitted again. The contract has already capped each line's size, and
 * the file logger redacts it and bounds the files, so neither the disk nor main's loop can be flooded.
 */
import type { EngineEventPayload } from '../../../src/shared/ipc/contract.ts';
import type { Logger } from './logger.ts';

export type EngineLogEntry = EngineEventPayload<'log'>;

export type EngineLogLimits = {
  /** Lines admitted at once after a quiet spell. */
  burst: number;
  /** Lines admitted per second, steadily. */
  perSecond: number;
};

/** Far above what a working engine writes (a handful of lines per call), far below a flood. */
export const DEFAULT_ENGINE_LOG_LIMITS: EngineLogLimits = { burst: 200, perSecond: 20 };

export function engineLogIntake(
  log: Logger,
  limits: EngineLogLimits = DEFAULT_ENGINE_LOG_LIMITS,
  now: () => number = Date.now,
): (entry: EngineLogEntry) => void {
  let tokens = limits.burst;
  let refilledAt = now();
  let dropped = 0;
  return (entry) => {
    const at = now();
    tokens = Math.min(limits.burst, tokens + ((at - refilledAt) / 1000) * limits.perSecond);
    refilledAt = at;
    if (tokens < 1) {
      dropped += 1;
      return;
    }
    tokens -= 1;
    if (dropped > 0) {
      log.warn('engine log lines dropped: the engine page wrote faster than allowed', { dropped });
      dropped = 0;
    }
    log[entry.level](entry.message, entry.fields);
  };
}
