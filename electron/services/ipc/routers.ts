/**
 * The contract's boundary on the main side: every verb and report arrives here as untrusted
 * (name, payload), is checked against the contract, and only then reaches its handler. Electron's
 * ipcMain and the browser host's WebSocket both call these. A router never throws: a UserFacingError
 * is answered with its words in the user's language (its message when its code has no translation); anything else is logged with its stack and answered with a generic
 * failure, so no handler can end the process.
 */
import {
  engineEvents,
  uiVerbs,
  type EngineEvent,
  type EngineEventPayload,
  type IpcResult,
  type UiVerb,
} from '../../../src/shared/ipc/contract.ts';
import { failure, parsePayload } from '../../../src/shared/ipc/validate.ts';
import { refusalText } from '../../../src/shared/locales/refusal-text.ts';
import { silentLogger, type Logger } from '../log/logger.ts';
import type { AppCore } from '../app/core.ts';
import { UserFacingError } from '../user-facing-error.ts';
import type { UiHandlers } from './verbs/index.ts';

export type EngineHandlers = { [E in EngineEvent]: (payload: EngineEventPayload<E>) => void | Promise<void> };

/** The engine page's reports, each to the piece of the core it concerns. */
export function engineHandlers(core: AppCore, engineLog: (entry: EngineEventPayload<'log'>) => void): EngineHandlers {
  return {
    ready: () => core.engine.reportedReady(),
    registration: (state) => core.session.onRegistration(state),
    call: (snapshot) => core.calls.onEngineCall(snapshot),
    audio: (status) => core.preferences.onEngineAudio(status),
    // The page's own log lines, rate-limited into engine.log (electron/services/log/engine-log-intake.ts).
    log: (entry) => engineLog(entry),
  };
}

/** What the user reads when something broke that is not theirs to fix. */
export const GENERIC_FAILURE = 'Something went wrong. The app log has the details.';

const isUiVerb = (name: string): name is UiVerb => Object.hasOwn(uiVerbs, name);
const isEngineEvent = (name: string): name is EngineEvent => Object.hasOwn(engineEvents, name);
const shortName = (name: unknown) => String(name).slice(0, 40);

export type UiRouter = (verb: string, payload: unknown) => Promise<IpcResult<unknown>>;
export type EngineRouter = (event: string, payload: unknown) => Promise<IpcResult<void>>;

/** A refusal's words in the user's language, by its code (undefined: keep the thrown message). */
export type TranslateRefusal = (code: string) => string | undefined;

/** Refusals in the language the UI shows now (Settings or the OS). */
export const refusalsInUiLanguage =
  (core: Pick<AppCore, 'state'>): TranslateRefusal =>
  (code) =>
    refusalText(core.state.get().language, code);

export function createUiRouter(
  handlers: UiHandlers,
  log: Logger = silentLogger,
  translate: TranslateRefusal = () => undefined,
): UiRouter {
  return async (verb, payload) => {
    if (!isUiVerb(verb)) return failure('unknown-verb', `Unknown request "${shortName(verb)}"`);
    const parsed = parsePayload(uiVerbs[verb].input, payload ?? {});
    if (!parsed.ok) return parsed;
    try {
      const handler = handlers[verb] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.value) };
    } catch (error) {
      return answerFailure(error, { verb }, log, translate);
    }
  };
}

export function createEngineRouter(handlers: EngineHandlers, log: Logger = silentLogger): EngineRouter {
  return async (event, payload) => {
    if (!isEngineEvent(event)) return failure('unknown-verb', `Unknown engine report "${shortName(event)}"`);
    const parsed = parsePayload(engineEvents[event], payload ?? {});
    if (!parsed.ok) {
      log.warn('engine report refused', { event, problem: parsed.error.message });
      return parsed;
    }
    try {
      const handler = handlers[event] as (input: unknown) => void | Promise<void>;
      await handler(parsed.value);
      return { ok: true, value: undefined };
    } catch (error) {
      return answerFailure(error, { engineEvent: event }, log);
    }
  };
}

function answerFailure(
  error: unknown,
  where: Record<string, string>,
  log: Logger,
  translate: TranslateRefusal = () => undefined,
): IpcResult<never> {
  if (error instanceof UserFacingError) {
    log.info('refused', { ...where, code: error.code, reason: error.message });
    const words = translate(error.code);
    const why = error.because === undefined ? '' : translate(error.because);
    return failure('failed', words !== undefined && why !== undefined ? `${words} ${why}`.trim() : error.message);
  }
  log.error('handler failed', { ...where, err: error });
  return failure('failed', GENERIC_FAILURE);
}
