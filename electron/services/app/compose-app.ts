/**
 * The one composition root, used by Electron's main process and by the browser host alike: opens the
 * stores, builds the core, the desktop services (updates, About, desktop settings), the IPC routers,
 * the incoming-call window rules, the global shortcuts and the handling of call links. Whatever
 * differs between the two hosts comes in as a platform adapter, so neither can do what the other
 * cannot. Plain Node: no Electron import.
 *
 * To add a service: open its store in open-services.ts if it has one, build it in core.ts (or here,
 * beside updates, if it is a desktop service that needs a platform adapter), and bind its verbs
 * (electron/services/ipc/verbs/index.ts).
 */
import type { AboutInfo, MemoryUsage } from '../../../src/shared/update.ts';
import { aboutInfo } from '../about/about-info.ts';
import { processTreeUsage } from '../about/process-memory.ts';
import type { SecretBox } from '../credentials/index.ts';
import {
  DesktopSettingsService,
  shortcutTarget,
  type DesktopIntegrationPort,
  type ShortcutAction,
} from '../desktop/desktop-settings.ts';
import {
  createEngineRouter,
  createUiRouter,
  engineHandlers,
  refusalsInUiLanguage,
  type EngineRouter,
  type UiRouter,
} from '../ipc/routers.ts';
import { uiHandlers } from '../ipc/verbs/index.ts';
import { openDiagnostics, type Diagnostics } from '../diagnostics/open-diagnostics.ts';
import type { DiagnosticsTarget } from '../diagnostics/export-diagnostics.ts';
import type { Logger } from '../log/logger.ts';
import { teeLogger } from '../log/tee-logger.ts';
import type { KeyValueStore } from '../settings/index.ts';
import { UpdateService } from '../update/update-service.ts';
import type { UpdaterPort } from '../update/updater-port.ts';
import { createAppCore, type AppCore, type AppCoreDeps } from './core.ts';
import { diagnoseConnection } from './diagnose-connection.ts';
import { followRingingCalls } from './incoming-call-window.ts';
import { followChatOffers } from './chat-offer-alerts.ts';
import { followInternalMessages } from './internal-chat-alerts.ts';
import { handleLaunchArguments, handleOpenedLink } from './launch-arguments.ts';
import { openAppServices, type AppServices } from './open-services.ts';
import type { CallWindowPort, EngineWindow, ExportTarget, UiBroadcast } from './ports.ts';

/** What each host provides: Electron's main process (electron/main/main.ts), the browser host (electron/host/). */
export type PlatformAdapters = {
  dataDir: string;
  /** Encrypts the saved account: the OS keychain in Electron, a key file under plain Node. */
  secretBox: SecretBox;
  /** Where settings live; Electron passes electron-store, elsewhere a JSON file in dataDir. */
  settingsStore?: KeyValueStore | undefined;
  /**
   * Besides the log files under `<dataDir>/logs` (main.log, engine.log), lines also go here: the
   * hosts pass stderr for warnings and errors, tests a recording logger.
   */
  log?: Logger | undefined;
  /** 'debug' for more detail (SWITCHBOARD_LOG_LEVEL); default info. */
  logLevel?: string | undefined;
  /** Where "Export diagnostics" writes its zip: a save dialog in Electron, a directory in the browser host. */
  diagnosticsTarget: DiagnosticsTarget;
  /** Runtime versions beyond this process's own, for the diagnostics (the browser host's Chromium). */
  runtimeVersions?: (() => Record<string, string>) | undefined;
  systemLocale: () => string;
  engineWindow: EngineWindow;
  /** Every UI window: the main window and the small incoming-call window. */
  ui: UiBroadcast;
  callWindow: CallWindowPort;
  exportTarget: ExportTarget;
  setBadge?: ((missedUnseen: number) => void) | undefined;
  updater: UpdaterPort;
  /** Check at start and then daily, downloading in the background. */
  automaticUpdateChecks: boolean;
  /** For About: the installed version and what runs it ("Electron 33.2.0", "browser host"). */
  about: { version: string; runtime: string };
  /** About's Memory line; default: this process and all it started, from /proc (Linux). */
  memoryUsage?: (() => MemoryUsage | Promise<MemoryUsage>) | undefined;
  /** The OS side of Settings › Desktop; global shortcuts call `onShortcut`. */
  desktopIntegration: (onShortcut: (action: ShortcutAction) => void) => DesktopIntegrationPort;
  /** The provisioning service for sign-in by mobile number when the setting is empty. */
  provisioningUrl?: string | undefined;
  /** For tests: the core's clocks, ids, timings and network. */
  tuning?: Partial<AppCoreDeps> | undefined;
};

export type App = {
  core: AppCore;
  services: AppServices;
  updates: UpdateService;
  desktopSettings: DesktopSettingsService;
  about: () => AboutInfo;
  routes: { ui: UiRouter; engine: EngineRouter };
  /** main.log (and the host's `log`); the engine page's own lines go to engine.log through the engine router. */
  log: Logger;
  diagnostics: Diagnostics;
  /** A global shortcut was pressed (while another app may have focus). */
  pressShortcut(action: ShortcutAction): void;
  /** A tel:/sip:/callto: link the OS handed us. */
  openLink(url: string): void;
  /** A launch's or second launch's command line (`--dial`, a link). */
  openLaunchArguments(argv: readonly string[]): void;
  /** Applies the desktop settings, cleans the history, signs in again, starts update checks. */
  start(): Promise<void>;
  /** Quit, first half: Offline for colleagues, the engine closed, timers stopped. */
  shutdown(): Promise<void>;
  /** Quit, second half, once no window can ask anything any more: the stores and the log files close. */
  close(): Promise<void>;
};

export function composeApp(platform: PlatformAdapters): App {
  const diagnostics = openDiagnostics({ dataDir: platform.dataDir, level: platform.logLevel });
  const log = platform.log ? teeLogger(diagnostics.logger, platform.log) : diagnostics.logger;
  const services = openAppServices(platform.dataDir, platform.secretBox, {
    ...(platform.settingsStore ? { settingsStore: platform.settingsStore } : {}),
    log: log.child({ service: 'storage' }),
  });
  // Closes over `core`, created next: the window rules act on state changes, which only come later.
  const ui: UiBroadcast = {
    broadcast(event, payload) {
      platform.ui.broadcast(event, payload);
      if (event === 'state') {
        callWindow.stateChanged();
        chatOffers.stateChanged();
        internalMessages.stateChanged();
      }
    },
  };
  const core = createAppCore({
    engine: platform.engineWindow,
    ui,
    callLog: services.callLogPort,
    settings: services.settings,
    credentials: services.credentials,
    directory: services.directory,
    systemLocale: platform.systemLocale,
    log,
    diagnoseConnection,
    exportTarget: platform.exportTarget,
    setBadge: platform.setBadge,
    provisioningUrl: platform.provisioningUrl,
    ...platform.tuning,
  });
  const callWindow = followRingingCalls(
    () => core.state.get(),
    platform.callWindow,
    log,
    (id) => core.chat.requestShow(id),
  );
  const chatOffers = followChatOffers(
    () => core.state.get(),
    platform.callWindow,
    // The engine page rings for offers as for calls (tones.ts); without it (no SIP account) there is no ring.
    (ringing) => {
      if (core.engine.isOpen) core.engine.send('chatOfferRing', { ringing });
    },
    () => messagePreviews(),
  );
  const internalMessages = followInternalMessages(
    () => core.state.get(),
    platform.callWindow,
    () => messagePreviews(),
  );
  const updates = new UpdateService({
    updater: platform.updater,
    currentVersion: platform.about.version,
    inCall: () => core.state.liveCalls().length > 0,
    publish: (status) => ui.broadcast('updateStatus', status),
  });
  const about = () =>
    aboutInfo({
      version: platform.about.version,
      buildId: process.env.SWITCHBOARD_BUILD,
      runtime: platform.about.runtime,
      platform: `${process.platform}-${process.arch}`,
    });

  const pressShortcut = (action: ShortcutAction) => {
    if (!desktopSettings.get().settings.shortcutsEnabled) return;
    const target = shortcutTarget(action, core.state.get().calls);
    if (!target) return;
    try {
      core.calls[target.verb](target.callId);
    } catch (error) {
      log.warn('shortcut did nothing', { action, err: error });
    }
  };
  const desktopSettings = DesktopSettingsService.inDataDir(
    platform.dataDir,
    platform.desktopIntegration((action) => pressShortcut(action)),
  );
  const messagePreviews = () => desktopSettings.get().settings.messagePreviews;
  const exportDiagnostics = () =>
    diagnostics.exportTo(platform.diagnosticsTarget, {
      appVersion: platform.about.version,
      build: process.env.SWITCHBOARD_BUILD,
      runtime: { host: platform.about.runtime, ...platform.runtimeVersions?.() },
      settings: services.settings.getSettings(),
      desktopSettings: desktopSettings.get().settings,
    });
  const ipcLog = log.child({ service: 'ipc' });
  const routes = {
    ui: createUiRouter(
      uiHandlers({
        ...core,
        updates,
        desktopSettings,
        about,
        memoryUsage: platform.memoryUsage ?? (() => processTreeUsage()),
        exportDiagnostics,
      }),
      ipcLog,
      refusalsInUiLanguage(core),
    ),
    engine: createEngineRouter(engineHandlers(core, diagnostics.engineLog), ipcLog),
  };
  const warn = (message: string) => log.warn(message, { service: 'links' });
  const dialOptions = { dialAtOnce: () => desktopSettings.get().settings.dialLinksAtOnce };

  return {
    core,
    services,
    updates,
    desktopSettings,
    about,
    routes,
    log,
    diagnostics,
    pressShortcut,
    openLink: (url) => handleOpenedLink(core, url, warn, dialOptions),
    openLaunchArguments: (argv) => handleLaunchArguments(core, argv, warn, dialOptions),
    async start() {
      desktopSettings.applyAll();
      await core.start();
      if (platform.automaticUpdateChecks) updates.startSchedule();
    },
    async shutdown() {
      callWindow.stop();
      updates.stop();
      await core.shutdown();
    },
    async close() {
      services.close();
      await diagnostics.close();
    },
  };
}
