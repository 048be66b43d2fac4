/**
 * The contract's boundary on the main side: every verb and report arrives here as
 * untrusted (name, payload), is checked against the contract, and only then
 * reaches the core. Electron's ipcMain and the browser host's WebSocket both call these.
 */
import type { z } from 'zod';
import {
  engineEvents,
  uiVerbs,
  type EngineEvent,
  type EngineEventPayload,
  type IpcResult,
  type UiVerb,
  type UiVerbOutput,
} from '../../../src/shared/ipc/contract.ts';
import { failure, parsePayload } from '../../../src/shared/ipc/validate.ts';
import type { AppCore } from '../app/app-core.ts';
import { AppCoreError } from '../app/app-core.ts';
import type { AboutInfo } from '../../../src/shared/update.ts';
import { UpdateRefusedError, type UpdateService } from '../update/update-service.ts';
import type { DesktopSettingsService } from '../desktop/desktop-settings.ts';

/** An update refused for a reason the user should read (e.g. during a call) is a failed result, not a crash. */
function refusalAsFailure(action: () => void): void {
  try {
    action();
  } catch (error) {
    if (error instanceof UpdateRefusedError) throw new AppCoreError(error.message);
    throw error;
  }
}

type UiHandlers = {
  [V in UiVerb]: (input: z.output<(typeof uiVerbs)[V]['input']>) => UiVerbOutput<V> | Promise<UiVerbOutput<V>>;
};
type EngineHandlers = { [E in EngineEvent]: (payload: EngineEventPayload<E>) => void | Promise<void> };

/** The desktop pieces beside the core (issue 7): updates and the About dialog. Absent, their verbs fail clearly. */
export type DesktopServices = {
  updates: UpdateService;
  about: () => AboutInfo;
  desktopSettings: DesktopSettingsService;
  /** Settings › About › "Export diagnostics" (electron/services/diagnostics). */
  exportDiagnostics?: () => Promise<UiVerbOutput<'exportDiagnostics'>>;
};

function uiHandlers(core: AppCore, desktop: DesktopServices | undefined): UiHandlers {
  const needDesktop = (): DesktopServices => {
    if (!desktop) throw new AppCoreError('Updates are not available in this build.');
    return desktop;
  };
  return {
    getState: () => core.getState(),
    signIn: (account) => core.signIn(account),
    signOut: () => core.signOut(),
    dial: ({ target }) => core.dial(target),
    answer: ({ callId }) => core.answer(callId),
    decline: ({ callId }) => core.decline(callId),
    hangup: ({ callId }) => core.hangup(callId),
    mute: ({ callId, muted }) => core.mute(callId, muted),
    hold: ({ callId, held }) => core.hold(callId, held),
    sendDtmf: ({ callId, digits }) => core.sendDtmf(callId, digits),
    sendPendingDigits: ({ callId }) => core.sendPendingDigits(callId),
    listCallLog: (query) => core.listCallLog(query),
    deleteCallLogEntry: ({ id }) => core.deleteCallLogEntry(id),
    clearCallLog: () => core.clearCallLog(),
    getCallHistoryInfo: () => core.getCallHistoryInfo(),
    markMissedSeen: () => core.markMissedSeen(),
    setHistoryRetention: ({ retention }) => core.setHistoryRetention(retention),
    exportCallLog: (request) => core.exportCallLog(request),
    setLanguage: ({ preference }) => core.setLanguage(preference),
    getProvisioningUrl: () => ({ url: core.provisioningUrl() }),
    setProvisioningUrl: ({ url }) => core.setProvisioningUrl(url),
    lookupNumber: ({ mobile }) => core.lookupNumber(mobile),
    requestCode: ({ mobile, companyId }) => core.requestCode(mobile, companyId),
    verifyCode: ({ mobile, companyId, code }) => core.verifyCode(mobile, companyId, code),
    getAbout: () => needDesktop().about(),
    getUpdateStatus: () => needDesktop().updates.getStatus(),
    checkForUpdates: () => needDesktop().updates.check(),
    // The download runs on; its progress and the sha512 verdict arrive as updateStatus events.
    downloadUpdate: () => refusalAsFailure(() => needDesktop().updates.startDownload()),
    installUpdate: () => refusalAsFailure(() => needDesktop().updates.installNow()),
    getDesktopSettings: () => needDesktop().desktopSettings.get(),
    setDesktopSettings: (patch) => needDesktop().desktopSettings.update(patch),
    transfer: ({ callId, target }) => core.transfer(callId, target),
    consult: ({ callId, target }) => core.consult(callId, target),
    completeTransfer: ({ callId }) => core.completeTransfer(callId),
    cancelConsult: ({ callId }) => core.cancelConsult(callId),
    switchCall: ({ callId }) => core.switchCall(callId),
    setAudioSettings: ({ patch }) => core.setAudioSettings(patch),
    getDirectoryStatus: () => core.directoryStatus(),
    listDepartments: () => core.directoryDepartments(),
    listDirectoryPeople: ({ departmentId, offset, limit }) => core.directoryPeople(departmentId, offset, limit),
    searchDirectory: ({ query, limit }) => core.searchDirectory(query, limit),
    getDirectoryPerson: ({ id }) => core.directoryPerson(id),
    getDirectoryAvatar: async ({ id }) => ({ dataUrl: await core.directoryAvatar(id) }),
    syncDirectory: () => core.syncDirectory(),
    setAgentStatus: ({ status, reason }) => core.setAgentStatus(status, reason ?? null),
    agentReadyNow: () => core.agentReadyNow(),
    agentMoreTime: () => core.agentMoreTime(),
    dismissAgentNotice: () => core.dismissAgentNotice(),
    setRingTarget: ({ ringTarget }) => core.setRingTarget(ringTarget),
    setAutoAnswer: ({ enabled }) => core.setAutoAnswer(enabled),
    requestCallback: ({ to }) => core.requestCallback(to),
    getPresence: ({ extensions }) => core.getPresence(extensions),
    listPresenceGroups: () => core.listPresenceGroups(),
    exportDiagnostics: () => {
      const run = needDesktop().exportDiagnostics;
      if (!run) throw new AppCoreError('Diagnostics are not available in this build.');
      return run();
    },
  };
}

function engineHandlers(core: AppCore, engineLog: EngineLogSink | undefined): EngineHandlers {
  return {
    ready: () => core.onEngineReady(),
    registration: (state) => core.onEngineRegistration(state),
    call: (snapshot) => core.onEngineCall(snapshot),
    audio: (status) => core.onEngineAudio(status),
    log: (entry) => engineLog?.(entry),
  };
}

const isUiVerb = (name: string): name is UiVerb => Object.hasOwn(uiVerbs, name);
const isEngineEvent = (name: string): name is EngineEvent => Object.hasOwn(engineEvents, name);
const shortName = (name: unknown) => String(name).slice(0, 40);

export type UiRouter = (verb: string, payload: unknown) => Promise<IpcResult<unknown>>;
export type EngineRouter = (event: string, payload: unknown) => Promise<IpcResult<void>>;

export function createUiRouter(core: AppCore, desktop?: DesktopServices): UiRouter {
  const handlers = uiHandlers(core, desktop);
  return async (verb, payload) => {
    if (!isUiVerb(verb)) return failure('unknown-verb', `Unknown request "${shortName(verb)}"`);
    const parsed = parsePayload(uiVerbs[verb].input, payload ?? {});
    if (!parsed.ok) return parsed;
    try {
      const handler = handlers[verb] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.value) };
    } catch (error) {
      if (error instanceof AppCoreError) return failure('failed', error.message);
      throw error;
    }
  };
}

/** Writes the engine page's log lines (engine.log, rate-limited: electron/services/log/engine-log-intake.ts). */
export type EngineLogSink = (entry: EngineEventPayload<'log'>) => void;

export function createEngineRouter(core: AppCore, engineLog?: EngineLogSink): EngineRouter {
  const handlers = engineHandlers(core, engineLog);
  return async (event, payload) => {
    if (!isEngineEvent(event)) return failure('unknown-verb', `Unknown engine report "${shortName(event)}"`);
    const parsed = parsePayload(engineEvents[event], payload ?? {});
    if (!parsed.ok) return parsed;
    const handler = handlers[event] as (input: unknown) => void | Promise<void>;
    await handler(parsed.value);
    return { ok: true, value: undefined };
  };
}
