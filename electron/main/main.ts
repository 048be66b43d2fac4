/**
 * Electron's composition root: the services and app core under the two windows,
 * the tray and the IPC boundary. Closing the UI window hides it; the engine and
 * the registration live on until Log out or Quit.
 */
import type { BrowserWindow } from 'electron';
import { app, powerMonitor, type WebContents } from 'electron';
import { join } from 'node:path';
import { AppCore } from '../services/app/app-core.ts';
import { diagnoseConnection } from '../services/app/diagnose-connection.ts';
import { openAppServices } from '../services/app/open-services.ts';
import { handleLaunchArguments, handleOpenedLink } from '../services/app/launch-arguments.ts';
import { createEngineRouter, createUiRouter } from '../services/ipc/routers.ts';
import { safeStorageSecretBox } from './adapters/safe-storage-secret-box.ts';
import { bindIpc } from './ipc.ts';
import { hardenSessions } from './security.ts';
import { createTray, type AppTray } from './tray.ts';
import { trayMenuModel } from './tray-menu.ts';
import { electronStoreSettings } from './adapters/electron-store-settings.ts';
import { saveDialogExportTarget } from './adapters/save-dialog-export-target.ts';
import { exportDialogTitle } from './strings.ts';
import type { CallHistoryInfo } from '../../src/shared/domain.ts';
import { createEngineWindow, createUiWindow } from './windows.ts';
import { channel } from '../../src/shared/ipc/names.ts';

if (!app.requestSingleInstanceLock()) app.exit(0);

let quitting = false;
let uiWindow: BrowserWindow | null = null;
let engineWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  await app.whenReady();
  hardenSessions();
  const services = openAppServices(join(app.getPath('userData'), 'switchboard'), safeStorageSecretBox, {
    settingsStore: electronStoreSettings(),
  });
  let tray: AppTray | null = null;
  let missedUnseen = 0;

  const core: AppCore = new AppCore({
    engine: {
      async open() {
        const window = createEngineWindow();
        engineWindow = window;
        window.webContents.on(
          'render-process-gone',
          (_event, details) => void core.onEngineGone(`The phone engine stopped (${details.reason})`),
        );
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
      },
    },
    callLog: services.callLog,
    settings: services.settings,
    credentials: services.credentials,
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

  bindIpc(
    { uiContents, engineContents: () => engineWindow?.webContents ?? null },
    { ui: createUiRouter(core), engine: createEngineRouter(core) },
  );

  const showUi = () => {
    uiWindow ??= openUiWindow();
    uiWindow.show();
    uiWindow.focus();
  };
  const updateTray = () => tray?.render(trayMenuModel(core.getState(), missedUnseen));
  tray = createTray({
    show: showUi,
    showCalls: showUi,
    logOut: () => void core.signOut().then(showUi),
    quit: () => app.quit(),
  });
  updateTray();

  const warn = (message: string) => console.warn(`[switchboard] ${message}`);
  // A second launch (a clicked tel: link on Windows/Linux, or `--dial`) hands its argv to us.
  app.on('second-instance', (_event, argv) => {
    showUi();
    handleLaunchArguments(core, argv, warn);
  });
  // macOS delivers clicked links as open-url, also before the app is ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    showUi();
    handleOpenedLink(core, url, warn);
  });
  if (app.isPackaged) for (const scheme of ['tel', 'sip', 'callto']) app.setAsDefaultProtocolClient(scheme);
  app.on('activate', showUi);
  // After sleep the server has long forgotten us; reconnect now, not at the next re-REGISTER.
  powerMonitor.on('resume', () => core.systemResumed());
  // The phone keeps running in the tray with no window open.
  app.on('window-all-closed', () => {});
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    quitting = true;
    void core.shutdown().finally(() => {
      services.close();
      app.quit();
    });
  });

  await core.resume();
  showUi();
  // Our own launch's --dial or link goes to the dial pad once the UI can show it.
  uiWindow?.webContents.once('did-finish-load', () => handleLaunchArguments(core, process.argv, warn));
}

function openUiWindow(): BrowserWindow {
  const window = createUiWindow();
  window.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    window.hide();
  });
  window.on('closed', () => {
    if (uiWindow === window) uiWindow = null;
  });
  return window;
}

function uiContents(): WebContents[] {
  return uiWindow && !uiWindow.isDestroyed() ? [uiWindow.webContents] : [];
}

void start();
