/**
 * The browser host: the same app core and services as Electron's main process,
 * run under Node, with the engine and UI pages in Debian's Chromium and the IPC
 * contract carried over a loopback WebSocket. It is how tests and machines
 * without an Electron binary run the whole app; it implements no feature itself.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AppCore } from '../services/app/app-core.ts';
import { diagnoseConnection } from '../services/app/diagnose-connection.ts';
import type { EngineWindow } from '../services/app/ports.ts';
import { openAppServices, type AppServices } from '../services/app/open-services.ts';
import { createEngineRouter, createUiRouter } from '../services/ipc/routers.ts';
import { launchChromium } from './chromium.ts';
import { attachIpcServer } from './ipc-server.ts';
import { NodeSecretBox } from '../services/credentials/node-secret-box.ts';
import { serveStatic } from './static-files.ts';
import { directoryExportTarget } from '../services/call-log/export.ts';
import { aboutInfo } from '../services/about/about-info.ts';
import { callPopupDecision, incomingCallNotification } from '../services/desktop/incoming-call-popup.ts';
import { DesktopSettingsService, shortcutTarget, type ShortcutAction } from '../services/desktop/desktop-settings.ts';
import { nodeUpdater } from '../services/update/node-updater.ts';
import { noUpdateFeed } from '../services/update/updater-port.ts';
import { UpdateService } from '../services/update/update-service.ts';
import { openDiagnostics } from '../services/diagnostics/open-diagnostics.ts';
import packageJson from '../../package.json' with { type: 'json' };

export type BrowserHostOptions = {
  dataDir: string;
  headless?: boolean;
  fakeMicrophoneWav?: string;
  /** Stands in for the OS language, e.g. 'zh-CN'. */
  systemLocale?: string;
  rendererDir?: string;
  /** Benchmark comparison only: the engine waits for ICE gathering to complete (stock JsSIP). */
  engineIceGathering?: 'complete';
  /** Where "Export" writes (there is no save dialog here); default `<dataDir>/exports`. */
  exportDir?: string;
  /** The provisioning service for sign-in by mobile number when the setting is empty (tests, `npm start`). */
  provisioningUrl?: string;
  /** The update feed (a directory URL with latest.yml), e.g. the reference switchboard's `startUpdateFeed`. */
  updateFeedUrl?: string;
  /** Stands in for the installed version (default: package.json's). */
  appVersion?: string;
  /** Check at start and daily, downloading in the background (default: on when there is a feed). */
  automaticUpdateChecks?: boolean;
  /** "Restart now" here has no installer to run; tests see the verified file it would install. */
  onInstallUpdate?: (file: string) => void;
};

export type BrowserHost = {
  core: AppCore;
  updates: UpdateService;
  browser: Browser;
  context: BrowserContext;
  /** The UI window; `openUiWindow` makes a new one after the user closed it. */
  uiPage: Page | null;
  openUiWindow(): Promise<Page>;
  enginePage(): Page | null;
  /** The small incoming-call window, open while a call rings and the UI window is closed. */
  callWindow(): Page | null;
  /** The OS notifications the app would have shown (the host has no notification centre). */
  notifications: Array<{ title: string; body: string }>;
  /** What the desktop settings asked of the OS (start at login, link handler, shortcuts); the host has no OS glue. */
  osRequests: string[];
  /** Stands in for the tray's "About Switchboard…": the About dialog opens over whatever the UI shows. */
  showAbout(): void;
  /** Stands in for a global shortcut being pressed while another app has focus. */
  pressShortcut(action: ShortcutAction): void;
  stop(): Promise<void>;
};

const DEFAULT_RENDERER_DIR = resolve(import.meta.dirname, '../../dist/renderer');

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  const secret = randomBytes(24).toString('base64url');
  // Log files under <dataDir>/logs, as in Electron; "Export diagnostics" writes its zip to exportDir.
  const diagnostics = openDiagnostics({ dataDir: options.dataDir, level: process.env.SWITCHBOARD_LOG_LEVEL });
  const log = diagnostics.logger;
  const services: AppServices = openAppServices(
    options.dataDir,
    new NodeSecretBox(join(options.dataDir, 'secret.key')),
    { log: log.child({ service: 'services' }) },
  );

  const server = createServer(serveStatic(rendererDir));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const hostHash = `#host=${encodeURIComponent(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/ipc`)}&token=${secret}`;

  const browser = await launchChromium({
    headless: options.headless ?? true,
    fakeMicrophoneWav: options.fakeMicrophoneWav,
  });
  const context = await browser.newContext({ viewport: { width: 380, height: 640 }, permissions: ['microphone'] });

  let enginePage: Page | null = null;
  let closingEngine = false;
  const engineWindow: EngineWindow = {
    async open() {
      const page = await context.newPage();
      enginePage = page;
      page.on('crash', () => void core.onEngineGone('The phone engine crashed'));
      page.on('close', () => {
        if (enginePage === page) enginePage = null;
        if (!closingEngine) void core.onEngineGone('The phone engine stopped');
      });
      page.on('console', (message) => {
        if (message.type() === 'error') diagnostics.engineLogger.error('engine page error', { text: message.text() });
      });
      await page.goto(`${origin}/engine/index.html${hostHash}${options.engineIceGathering ? '&ice=complete' : ''}`);
      // A new page comes to the front; the engine is meant to be hidden, and a UI page left behind
      // it is a background tab whose frames Chromium throttles to about one a second.
      await host.uiPage?.bringToFront();
    },
    async close() {
      closingEngine = true;
      await enginePage?.close();
      enginePage = null;
      closingEngine = false;
    },
    send(command, payload) {
      ipc.sendToEngine(command, payload);
    },
  };

  const exportTarget = directoryExportTarget(options.exportDir ?? join(options.dataDir, 'exports'));
  const core: AppCore = new AppCore({
    engine: engineWindow,
    ui: {
      broadcast: (event, payload) => {
        ipc.broadcastToUi(event, payload);
        if (event === 'state') void followRingingCall();
      },
    },
    callLog: services.callLog,
    settings: services.settings,
    credentials: services.credentials,
    directory: services.directory,
    systemLocale: () => options.systemLocale ?? process.env.LANG ?? 'en',
    diagnoseConnection,
    exportTarget,
    ...(options.provisioningUrl ? { provisioningUrl: options.provisioningUrl } : {}),
  });
  const appVersion = options.appVersion ?? packageJson.version;
  const updates = new UpdateService({
    updater: options.updateFeedUrl
      ? nodeUpdater({
          feedUrl: options.updateFeedUrl,
          downloadDir: join(options.dataDir, 'updates'),
          ...(options.onInstallUpdate ? { onInstall: options.onInstallUpdate } : {}),
        })
      : noUpdateFeed,
    currentVersion: appVersion,
    inCall: () => core.getState().calls.some((call) => call.phase !== 'ended'),
    publish: (status) => ipc.broadcastToUi('updateStatus', status),
  });
  const about = () =>
    aboutInfo({
      version: appVersion,
      buildId: process.env.SWITCHBOARD_BUILD,
      runtime: 'browser host',
      platform: `${process.platform}-${process.arch}`,
    });
  const osRequests: string[] = [];
  const desktopSettings = DesktopSettingsService.inDataDir(options.dataDir, {
    setStartAtLogin: (enabled) => void osRequests.push(`start-at-login:${enabled}`),
    setLinkHandler: (enabled) => void osRequests.push(`link-handler:${enabled}`),
    setShortcuts: (shortcuts) => {
      osRequests.push(`shortcuts:${shortcuts.map((s) => `${s.action}=${s.accelerator}`).join(',')}`);
      return [];
    },
  });
  desktopSettings.applyAll();
  const exportDiagnostics = () =>
    diagnostics.exportTo(exportTarget, {
      appVersion,
      build: process.env.SWITCHBOARD_BUILD,
      runtime: { host: 'browser host', chromium: browser.version() },
      settings: services.settings.getSettings(),
      desktopSettings: desktopSettings.get().settings,
    });
  const ipc = attachIpcServer(server, secret, {
    routes: {
      ui: createUiRouter(core, { updates, about, desktopSettings, exportDiagnostics }),
      engine: createEngineRouter(core, diagnostics.engineLog),
    },
    onUiConnected: () => ipc.broadcastToUi('state', core.getState()),
  });

  // A call ringing while the UI window is closed gets its own small page, as Electron's always-on-top window.
  let callPage: Page | null = null;
  let callPageFor: string | null = null;
  let popupQueue = Promise.resolve();
  let stopping = false;
  const followRingingCall = () =>
    (popupQueue = popupQueue
      .then(async () => {
        if (stopping) return;
        const state = core.getState();
        const decision = callPopupDecision({
          calls: state.calls,
          mainWindowInFront: host.uiPage !== null,
          popupFor: callPageFor,
        });
        if (decision.kind === 'open') {
          const call = state.calls.find((c) => c.id === decision.callId);
          if (call) host.notifications.push(incomingCallNotification(call, state.language));
          callPageFor = decision.callId;
          callPage = await context.newPage();
          // The size of Electron's call window, so what the test sees (and screenshots) is what the user sees.
          await callPage.setViewportSize({ width: 340, height: 150 });
          await callPage.goto(`${origin}/ui/index.html?view=call${hostHash}`);
        } else if (decision.kind === 'close') {
          const answered = state.calls.some((c) => c.id === callPageFor && c.phase !== 'ended');
          callPageFor = null;
          const page = callPage;
          callPage = null;
          await page?.close();
          // Answering from the small window brings up the main one with the call.
          if (answered && !host.uiPage) await host.openUiWindow();
        }
      })
      .catch((error: unknown) => log.warn('incoming-call window failed', { err: error })));

  const host: BrowserHost = {
    core,
    updates,
    callWindow: () => callPage,
    notifications: [],
    osRequests,
    showAbout: () => ipc.broadcastToUi('showAbout', {}),
    pressShortcut(action) {
      const { shortcutsEnabled } = desktopSettings.get().settings;
      const target = shortcutsEnabled ? shortcutTarget(action, core.getState().calls) : null;
      if (target) core[target.verb](target.callId);
    },
    browser,
    context,
    uiPage: null,
    async openUiWindow() {
      const page = await context.newPage();
      await page.goto(`${origin}/ui/index.html${hostHash}`);
      host.uiPage = page;
      page.on('close', () => {
        if (host.uiPage === page) host.uiPage = null;
      });
      return page;
    },
    enginePage: () => enginePage,
    async stop() {
      stopping = true;
      updates.stop();
      await core.shutdown();
      await browser.close();
      ipc.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      services.close();
      await diagnostics.close();
    },
  };
  await core.resume();
  if (options.updateFeedUrl && options.automaticUpdateChecks !== false) updates.startSchedule();
  await host.openUiWindow();
  return host;
}
