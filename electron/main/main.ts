/**
 * Electron's composition root: the services and app core under the two windows,
 * the tray and the IPC boundary. Closing the UI window hides it; the engine and
 * the registration live on until Log out or Quit.
 */
import type { BrowserWindow } from 'electron';
import { app, dialog, globalShortcut, Notification, powerMonitor, type WebContents } from 'electron';
import { join } from 'node:path';
import { AppCore } from '../services/app/app-core.ts';
import { diagnoseConnection } from '../services/app/diagnose-connection.ts';
import { openAppServices } from '../services/app/open-services.ts';
import { handleLaunchArguments, handleOpenedLink } from '../services/app/launch-arguments.ts';
import { createEngineRouter, createUiRouter } from '../services/ipc/routers.ts';
import { safeStorageSecretBox } from './adapters/safe-storage-secret-box.ts';
import { bindIpc } from './ipc.ts';
import { hardenSessions } from './security.ts';
import { createTray, type AppTray, type TrayActions } from './tray.ts';
import { trayMenuModel, type TrayAction, type TrayStatusChoice } from './tray-menu.ts';
import { electronStoreSettings } from './adapters/electron-store-settings.ts';
import { saveDialogExportTarget } from './adapters/save-dialog-export-target.ts';
import { saveDialogDiagnosticsTarget } from './adapters/save-dialog-diagnostics-target.ts';
import { diagnosticsDialogTitle, exportDialogTitle } from './strings.ts';
import { openDiagnostics } from '../services/diagnostics/open-diagnostics.ts';
import type { CallHistoryInfo } from '../../src/shared/domain.ts';
import { createCallWindow, createEngineWindow, createUiWindow } from './windows.ts';
import { aboutInfo } from '../services/about/about-info.ts';
import { callPopupDecision, incomingCallNotification } from '../services/desktop/incoming-call-popup.ts';
import { OnceFlag } from '../services/desktop/once-flag.ts';
import { UpdateService } from '../services/update/update-service.ts';
import { electronUpdaterPort } from './adapters/electron-updater.ts';
import { electronDesktopIntegration } from './adapters/desktop-integration.ts';
import { DesktopSettingsService, shortcutTarget } from '../services/desktop/desktop-settings.ts';
import { logOutConfirmation, quitConfirmation, quitRefusedMessage, type QuitQuestion } from './quit-confirmation.ts';
import en from '../../src/ui/i18n/en.json' with { type: 'json' };
import zhCN from '../../src/ui/i18n/zh-CN.json' with { type: 'json' };
import { channel } from '../../src/shared/ipc/names.ts';

if (!app.requestSingleInstanceLock()) app.exit(0);

let quitting = false;
let uiWindow: BrowserWindow | null = null;
let engineWindow: BrowserWindow | null = null;
/** The small always-on-top window for a call ringing while the main window is away, and the call it is for. */
let callWindow: BrowserWindow | null = null;
let callWindowFor: string | null = null;
let closeHint: OnceFlag | null = null;
let uiLanguage: () => 'zh-CN' | 'en' = () => 'en';

async function start(): Promise<void> {
  await app.whenReady();
  hardenSessions();
  const dataDir = join(app.getPath('userData'), 'switchboard');
  // Log files under <dataDir>/logs (main.log, engine.log); Settings › About exports them.
  const diagnostics = openDiagnostics({ dataDir, level: process.env.SWITCHBOARD_LOG_LEVEL });
  const log = diagnostics.logger;
  const services = openAppServices(dataDir, safeStorageSecretBox, {
    settingsStore: electronStoreSettings(),
    log: log.child({ service: 'services' }),
  });
  closeHint = new OnceFlag(dataDir, 'close-to-tray-hint');
  let tray: AppTray | null = null;
  let missedUnseen = 0;

  const core: AppCore = new AppCore({
    engine: {
      async open() {
        const window = createEngineWindow();
        engineWindow = window;
        window.webContents.on('render-process-gone', (_event, details) => {
          diagnostics.engineLogger.error('engine window gone', { reason: details.reason, exitCode: details.exitCode });
          void core.onEngineGone(`The phone engine stopped (${details.reason})`);
        });
      },
      async close() {
        const window = engineWindow;
        engineWindow = null;
        window?.destroy();
      },
      send(command, payload) {
        engineWindow?.webContents.send(channel.engineCommand(command), payload);
      },
    },
    ui: {
      broadcast(event, payload) {
        for (const contents of uiContents()) contents.send(channel.uiEvent(event), payload);
        if (event === 'callHistoryInfo') missedUnseen = (payload as CallHistoryInfo).missedUnseen;
        if (event === 'state' || event === 'callHistoryInfo') updateTray();
        if (event === 'state') followRingingCall();
      },
    },
    callLog: services.callLog,
    settings: services.settings,
    credentials: services.credentials,
    directory: services.directory,
    systemLocale: () => app.getLocale(),
    diagnoseConnection,
    // `npm start` passes the local switchboard's; otherwise the setting (Sign-in screen) decides.
    ...(process.env.SWITCHBOARD_PROVISIONING_URL ? { provisioningUrl: process.env.SWITCHBOARD_PROVISIONING_URL } : {}),
    exportTarget: saveDialogExportTarget({
      window: () => uiWindow,
      downloadsDir: () => app.getPath('downloads'),
      title: () => exportDialogTitle(core.getState().language),
    }),
    // Dock/launcher badge on macOS and Linux (Unity); Windows shows the count in the tab bar only.
    setBadge: (count) => void app.setBadgeCount(count),
  });

  uiLanguage = () => core.getState().language;
  const inCall = () => core.getState().calls.some((call) => call.phase !== 'ended');
  const updateFeedUrl = process.env.SWITCHBOARD_UPDATE_URL;
  const updates = new UpdateService({
    updater: electronUpdaterPort({ feedUrl: updateFeedUrl }),
    currentVersion: app.getVersion(),
    inCall,
    publish: (status) => {
      for (const contents of uiContents()) contents.send(channel.uiEvent('updateStatus'), status);
    },
  });
  const about = () =>
    aboutInfo({
      version: app.getVersion(),
      buildId: process.env.SWITCHBOARD_BUILD,
      runtime: `Electron ${process.versions.electron ?? '?'}`,
      platform: `${process.platform}-${process.arch}`,
    });

  const desktopSettings = DesktopSettingsService.inDataDir(
    dataDir,
    electronDesktopIntegration((action) => {
      const target = shortcutTarget(action, core.getState().calls);
      if (!target) return;
      try {
        core[target.verb](target.callId);
      } catch (error) {
        log.warn('shortcut refused', { action, err: error });
      }
    }),
  );
  desktopSettings.applyAll();
  const dialOptions = { dialAtOnce: () => desktopSettings.get().settings.dialLinksAtOnce };
  const diagnosticsTarget = saveDialogDiagnosticsTarget({
    window: () => uiWindow,
    downloadsDir: () => app.getPath('downloads'),
    title: () => diagnosticsDialogTitle(core.getState().language),
  });
  const exportDiagnostics = () =>
    diagnostics.exportTo(diagnosticsTarget, {
      appVersion: app.getVersion(),
      build: process.env.SWITCHBOARD_BUILD,
      settings: services.settings.getSettings(),
      desktopSettings: desktopSettings.get().settings,
    });

  bindIpc(
    { uiContents, engineContents: () => engineWindow?.webContents ?? null },
    {
      ui: createUiRouter(core, { updates, about, desktopSettings, exportDiagnostics }),
      engine: createEngineRouter(core, diagnostics.engineLog),
    },
  );

  const showUi = () => {
    uiWindow ??= openUiWindow();
    uiWindow.show();
    uiWindow.focus();
  };
  const updateTray = () => tray?.render(trayMenuModel(core.getState(), missedUnseen));
  const trayActions: TrayActions = {
    show: showUi,
    showCalls: showUi,
    about: () => {
      // A window that was closed opens with the dialog (its page has no listener yet); an open one is told.
      const opened = uiWindow === null;
      if (opened) uiWindow = openUiWindow({ showAbout: true });
      showUi();
      if (!opened) uiWindow?.webContents.send(channel.uiEvent('showAbout'), {});
    },
    logOut: () => {
      const question = logOutConfirmation(core.getState().language);
      void askUser(question).then((yes) => {
        // The tray item is disabled during a call; signOut refuses one that started while we asked.
        if (yes) void core.signOut().then(showUi, (error: unknown) => warn(`log out refused: ${String(error)}`));
      });
    },
    quit: () => app.quit(),
    setStatus: ({ status, reason }) =>
      void core
        .setAgentStatus(status, reason ?? null)
        .catch((error: unknown) => warn(`status refused: ${String(error)}`)),
  };
  tray = createTray(trayActions);
  updateTray();
  // The Electron smoke suite (test/e2e/electron-smoke.e2e.test.ts) reads the tray menu and presses its items,
  // which no OS lets a test click. Off unless the suite launches the app.
  if (process.env.SWITCHBOARD_TEST_HOOKS === '1') {
    Object.assign(globalThis, {
      switchboardTestHooks: {
        trayModel: () => trayMenuModel(core.getState(), missedUnseen),
        pressTray: (action: TrayAction) => trayActions[action](),
        setTrayStatus: (choice: TrayStatusChoice) => trayActions.setStatus(choice),
        state: () => core.getState(),
        uiWindowVisible: () => uiWindow?.isVisible() ?? false,
      },
    });
  }

  // A call ringing while the main window is hidden or behind others: a small always-on-top window and a notification.
  const followRingingCall = () => {
    const state = core.getState();
    const mainWindowInFront =
      uiWindow !== null && uiWindow.isVisible() && !uiWindow.isMinimized() && uiWindow.isFocused();
    const decision = callPopupDecision({ calls: state.calls, mainWindowInFront, popupFor: callWindowFor });
    if (decision.kind === 'open') {
      callWindowFor = decision.callId;
      callWindow = createCallWindow();
      callWindow.on('closed', () => {
        callWindow = null;
      });
      const call = state.calls.find((c) => c.id === decision.callId);
      if (call && Notification.isSupported()) {
        const notification = new Notification({ ...incomingCallNotification(call, state.language), silent: true });
        notification.on('click', showUi);
        notification.show();
      }
    } else if (decision.kind === 'close') {
      const answered = state.calls.some((c) => c.id === callWindowFor && c.phase !== 'ended');
      callWindowFor = null;
      callWindow?.destroy();
      callWindow = null;
      // Answered from the small window: the main window comes up with the call.
      if (answered) showUi();
    }
  };

  const warn = (message: string) => log.warn(message);
  // A second launch (a clicked tel: link on Windows/Linux, or `--dial`) hands its argv to us.
  app.on('second-instance', (_event, argv) => {
    showUi();
    handleLaunchArguments(core, argv, warn, dialOptions);
  });
  // macOS delivers clicked links as open-url, also before the app is ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    showUi();
    handleOpenedLink(core, url, warn, dialOptions);
  });
  app.on('activate', showUi);
  // After sleep the server has long forgotten us; reconnect now, not at the next re-REGISTER.
  powerMonitor.on('resume', () => core.systemResumed());
  // The phone keeps running in the tray with no window open.
  app.on('window-all-closed', () => {});
  let askingToQuit = false;
  app.on('will-quit', () => globalShortcut.unregisterAll());
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    if (askingToQuit) return;
    const finish = () => {
      quitting = true;
      updates.stop();
      void core.shutdown().finally(() => {
        services.close();
        void diagnostics.close().finally(() => app.quit());
      });
    };
    // An agent's call or after-call work: quitting is refused, and a message box says why (issue 10).
    const refused = quitRefusedMessage(core.getState());
    if (refused) {
      showUi();
      void dialog.showMessageBox({ type: 'info', buttons: [refused.ok], title: refused.title, message: refused.title });
      return;
    }
    // Quitting ends the call: ask first, naming who would be cut off.
    const question = quitConfirmation(core.getState());
    if (!question) return finish();
    askingToQuit = true;
    void askUser(question).then((yes) => {
      askingToQuit = false;
      if (yes) finish();
    });
  });

  await core.resume();
  // Checks at start and daily (never during a call); a packaged build reads its feed from app-update.yml.
  if (app.isPackaged || updateFeedUrl) updates.startSchedule();
  // Started at login: straight to the tray, the window stays closed until asked for.
  const startedHidden = process.argv.includes('--hidden') || app.getLoginItemSettings().wasOpenedAtLogin;
  if (!startedHidden) showUi();
  // Our own launch's --dial or link goes to the dial pad once the UI can show it.
  uiWindow?.webContents.once('did-finish-load', () => handleLaunchArguments(core, process.argv, warn, dialOptions));
}

function openUiWindow(options: { showAbout?: boolean } = {}): BrowserWindow {
  const window = createUiWindow(options);
  window.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    window.hide();
    // The first time only: say where the app went, so closing is not mistaken for quitting.
    if (closeHint?.take() && Notification.isSupported()) {
      const words = (uiLanguage() === 'zh-CN' ? zhCN : en).desktop;
      new Notification({ title: 'Switchboard', body: words.closeHint, silent: true }).show();
    }
  });
  window.on('closed', () => {
    if (uiWindow === window) uiWindow = null;
  });
  return window;
}

/** Every window with the UI role: the main window and, while a call rings, the small call window. */
/** A yes/no question as a native dialog (over the main window when it is open); "Cancel" is the default. */
async function askUser(question: QuitQuestion): Promise<boolean> {
  const options = {
    type: 'question' as const,
    buttons: [question.cancel, question.confirm],
    defaultId: 0,
    cancelId: 0,
    title: question.title,
    message: question.title,
    detail: question.body,
  };
  const window = uiWindow && uiWindow.isVisible() ? uiWindow : null;
  const { response } = await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
  return response === 1;
}

function uiContents(): WebContents[] {
  return [uiWindow, callWindow].flatMap((window) => (window && !window.isDestroyed() ? [window.webContents] : []));
}

void start();
