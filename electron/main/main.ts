/**
 * Electron's glue around the composed app (electron/services/app/compose-app.ts): the windows, the
 * tray, native dialogs and notifications, and the app's lifecycle events. Everything the app does
 * is composed there, the same as in the browser host; this file only adapts Electron to it.
 * Closing the UI window destroys it (its renderer's memory goes back; the tray's Show makes a new one,
 * which loads in a few hundred ms); the engine and the registration live on until Log out or Quit.
 */
import type { BrowserWindow } from 'electron';
import {
  app,
  dialog,
  globalShortcut,
  nativeTheme,
  Notification,
  powerMonitor,
  screen,
  type WebContents,
} from 'electron';
import { join } from 'node:path';
import { composeApp } from '../services/app/compose-app.ts';
import { consoleLogger } from '../services/log/console-logger.ts';
import type { Logger } from '../services/log/logger.ts';
import { safeStorageSecretBox } from './adapters/safe-storage-secret-box.ts';
import { bindIpc } from './ipc.ts';
import { hardenSessions } from './security.ts';
import { appBadgeCount } from '../services/desktop/app-badge.ts';
import { createTray, type AppTray, type TrayActions } from './tray.ts';
import { trayMenuModel, type TrayAction, type TrayStatusChoice } from './tray-menu.ts';
import { electronStoreSettings } from './adapters/electron-store-settings.ts';
import { saveDialogExportTarget } from './adapters/save-dialog-export-target.ts';
import { saveDialogDiagnosticsTarget } from './adapters/save-dialog-diagnostics-target.ts';
import { diagnosticsDialogTitle, exportDialogTitle } from './strings.ts';
import type { CallHistoryInfo, Language } from '../../src/shared/domain.ts';
import { createCallWindow, createEngineWindow, createUiWindow } from './windows.ts';
import { OnceFlag } from '../services/desktop/once-flag.ts';
import { fitWindowSize, RememberedWindowSize } from '../services/desktop/window-size.ts';
import { electronUpdaterPort } from './adapters/electron-updater.ts';
import { electronDesktopIntegration } from './adapters/desktop-integration.ts';
import { logOutConfirmation, quitConfirmation, quitRefusedMessage, type QuitQuestion } from './quit-confirmation.ts';
import { wordsFor } from '../../src/shared/locales/dictionaries.ts';
import { channel } from '../../src/shared/ipc/names.ts';

if (!app.requestSingleInstanceLock()) app.exit(0);

/** stderr until the app is composed, then main.log (and stderr for warnings and errors). */
const stderrLog = consoleLogger('switchboard');
let log: Logger = stderrLog;
// The last guard: a promise nobody awaited fails with its stack in the log, not with a dead app.
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { err: reason }));

let quitting = false;
let uiWindow: BrowserWindow | null = null;
let engineWindow: BrowserWindow | null = null;
/** The small always-on-top window for a call ringing while the main window is away. */
let callWindow: BrowserWindow | null = null;
let closeHint: OnceFlag | null = null;
let windowSize: RememberedWindowSize | null = null;
let uiLanguage: () => Language = () => 'en';

async function start(): Promise<void> {
  await app.whenReady();
  hardenSessions();
  const dataDir = join(app.getPath('userData'), 'switchboard');
  closeHint = new OnceFlag(dataDir, 'close-to-tray-hint');
  windowSize = new RememberedWindowSize(dataDir);
  let tray: AppTray | null = null;
  let missedUnseen = 0;
  const updateFeedUrl = process.env.SWITCHBOARD_UPDATE_URL;

  // The adapters' callbacks run only after composition, when `composed` exists.
  const composed = composeApp({
    dataDir,
    secretBox: safeStorageSecretBox,
    settingsStore: electronStoreSettings(),
    log: stderrLog,
    logLevel: process.env.SWITCHBOARD_LOG_LEVEL,
    systemLocale: () => app.getLocale(),
    engineWindow: {
      async open(onGone) {
        const window = createEngineWindow();
        engineWindow = window;
        window.webContents.on('render-process-gone', (_event, details) => {
          composed.diagnostics.engineLogger.error('engine window gone', {
            reason: details.reason,
            exitCode: details.exitCode,
          });
          onGone(`The phone engine stopped (${details.reason})`);
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
        if (event === 'state' || event === 'callHistoryInfo') {
          updateTray();
          updateBadge();
        }
        if (event === 'state') followTheme();
      },
    },
    callWindow: {
      mainWindowInFront: () =>
        uiWindow !== null && uiWindow.isVisible() && !uiWindow.isMinimized() && uiWindow.isFocused(),
      open(size) {
        callWindow = createCallWindow(size);
        callWindow.on('closed', () => {
          callWindow = null;
        });
      },
      close() {
        callWindow?.destroy();
        callWindow = null;
      },
      showMainWindow: () => showUi(),
      notify(notification) {
        if (!Notification.isSupported()) return;
        const shown = new Notification({ ...notification, silent: true });
        shown.on('click', showUi);
        shown.show();
      },
    },
    exportTarget: saveDialogExportTarget({
      window: () => uiWindow,
      downloadsDir: () => app.getPath('downloads'),
      title: () => exportDialogTitle(core.state.get().language),
    }),
    diagnosticsTarget: saveDialogDiagnosticsTarget({
      window: () => uiWindow,
      downloadsDir: () => app.getPath('downloads'),
      title: () => diagnosticsDialogTitle(core.state.get().language),
    }),
    // Dock/launcher badge on macOS and Linux (Unity); Windows shows the count in the tab bar only.
    setBadge: (missed) => {
      missedUnseen = missed;
      updateBadge();
    },
    updater: electronUpdaterPort({ feedUrl: updateFeedUrl }),
    // A packaged build reads its feed from app-update.yml.
    automaticUpdateChecks: app.isPackaged || Boolean(updateFeedUrl),
    about: { version: app.getVersion(), runtime: `Electron ${process.versions.electron ?? '?'}` },
    // Linux: PSS from /proc (the default, as bench:footprint counts); elsewhere Electron's own per-process
    // working sets (KB), the figure the OS task manager shows.
    ...(process.platform === 'linux'
      ? {}
      : {
          memoryUsage: () => {
            const metrics = app.getAppMetrics();
            const kb = metrics.reduce((sum, metric) => sum + metric.memory.workingSetSize, 0);
            return { totalBytes: kb * 1024, processes: metrics.length };
          },
        }),
    desktopIntegration: electronDesktopIntegration,
    // `npm start` passes the local switchboard's; otherwise the setting (Sign-in screen) decides.
    provisioningUrl: process.env.SWITCHBOARD_PROVISIONING_URL,
  });
  const { core } = composed;
  log = composed.log;
  uiLanguage = () => core.state.get().language;

  bindIpc({ uiContents, engineContents: () => engineWindow?.webContents ?? null }, composed.routes, log);

  const showUi = () => {
    uiWindow ??= openUiWindow();
    uiWindow.show();
    uiWindow.focus();
  };
  const updateTray = () => tray?.render(trayMenuModel(core.state.get(), missedUnseen));
  // Missed calls plus chats waiting (app-badge.ts), set only when the number changes (state comes often).
  let badgeShown = -1;
  const updateBadge = () => {
    const count = appBadgeCount(missedUnseen, core.state.get().chat);
    if (count === badgeShown) return;
    badgeShown = count;
    app.setBadgeCount(count);
  };
  // The window frames, scrollbars and native dialogs follow Settings' theme too, not only the pages' colours.
  const followTheme = () => {
    const wanted = core.state.get().display?.theme ?? 'system';
    if (nativeTheme.themeSource !== wanted) nativeTheme.themeSource = wanted;
  };
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
      const question = logOutConfirmation(core.state.get().language);
      void askUser(question).then((yes) => {
        // The tray item is disabled during a call; signOut refuses one that started while we asked.
        if (yes)
          void core.session.signOut().then(showUi, (error: unknown) => log.warn('log out refused', { err: error }));
      });
    },
    quit: () => app.quit(),
    setStatus: ({ status, reason }) =>
      void core.agent
        .choose(status, reason ?? null)
        .catch((error: unknown) => log.warn('status refused', { err: error })),
  };
  tray = createTray(trayActions);
  updateTray();
  followTheme();
  // The Electron smoke suite (test/e2e/electron-smoke.e2e.test.ts) reads the tray menu and presses its items,
  // which no OS lets a test click. Off unless the suite launches the app.
  if (process.env.SWITCHBOARD_TEST_HOOKS === '1') {
    Object.assign(globalThis, {
      switchboardTestHooks: {
        trayModel: () => trayMenuModel(core.state.get(), missedUnseen),
        pressTray: (action: TrayAction) => trayActions[action](),
        setTrayStatus: (choice: TrayStatusChoice) => trayActions.setStatus(choice),
        state: () => core.state.get(),
        uiWindowVisible: () => uiWindow?.isVisible() ?? false,
      },
    });
  }

  // A second launch (a clicked tel: link on Windows/Linux, or `--dial`) hands its argv to us.
  app.on('second-instance', (_event, argv) => {
    showUi();
    composed.openLaunchArguments(argv);
  });
  // macOS delivers clicked links as open-url, also before the app is ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    showUi();
    composed.openLink(url);
  });
  app.on('activate', showUi);
  // After sleep the server has long forgotten us; reconnect now, not at the next re-REGISTER.
  powerMonitor.on('resume', () => core.session.systemResumed());
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
      void composed.shutdown().finally(() => {
        void composed.close().finally(() => app.quit());
      });
    };
    // An agent's call or after-call work: quitting is refused, and a message box says why (issue 10).
    const refused = quitRefusedMessage(core.state.get());
    if (refused) {
      showUi();
      void dialog.showMessageBox({ type: 'info', buttons: [refused.ok], title: refused.title, message: refused.title });
      return;
    }
    // Quitting ends the call: ask first, naming who would be cut off.
    const question = quitConfirmation(core.state.get());
    if (!question) return finish();
    askingToQuit = true;
    void askUser(question).then((yes) => {
      askingToQuit = false;
      if (yes) finish();
    });
  });

  // The engine window is made first (start signs in with the saved account), the UI window right after it:
  // both load at once instead of the UI waiting for the engine to load and register (issue 23).
  const starting = composed.start();
  // Started at login: straight to the tray, the window stays closed until asked for.
  const startedHidden = process.argv.includes('--hidden') || app.getLoginItemSettings().wasOpenedAtLogin;
  if (!startedHidden) showUi();
  // Our own launch's --dial or link goes to the dial pad once the UI can show it.
  uiWindow?.webContents.once(
    'did-finish-load',
    () => void starting.then(() => composed.openLaunchArguments(process.argv)),
  );
  await starting;
}

function openUiWindow(options: { showAbout?: boolean } = {}): BrowserWindow {
  const saved = windowSize?.get();
  const size = saved && fitWindowSize(saved, screen.getPrimaryDisplay().workAreaSize);
  const window = createUiWindow({ ...options, ...(size ? { size } : {}) });
  // Remember where the user leaves the size (once they stop dragging), not each step; a maximized window is not a size.
  let resizing: NodeJS.Timeout | undefined;
  window.on('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      if (!window.isDestroyed() && !window.isMaximized() && !window.isFullScreen()) {
        windowSize?.remember(window.getSize() as [number, number]);
      }
    }, 500);
  });
  window.on('close', () => {
    if (quitting) return;
    // Not hidden but destroyed: a hidden window keeps its renderer process (~100 MB PSS, bench:footprint)
    // all day in the tray. The page keeps nothing a new window does not read again from main's state.
    // The first time only: say where the app went, so closing is not mistaken for quitting.
    if (closeHint?.take() && Notification.isSupported()) {
      const words = wordsFor(uiLanguage()).desktop;
      new Notification({ title: 'Switchboard', body: words.closeHint, silent: true }).show();
    }
  });
  window.on('closed', () => {
    if (uiWindow === window) uiWindow = null;
  });
  return window;
}

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

/** Every window with the UI role: the main window and, while a call rings, the small call window. */
function uiContents(): WebContents[] {
  return [uiWindow, callWindow].flatMap((window) => (window && !window.isDestroyed() ? [window.webContents] : []));
}

void start();
