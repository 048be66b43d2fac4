/**
 * The browser host: the same app core and services as Electron's main process,
 * run under Node, with the engine and UI pages in Debian's Chromium and the IPC
 * contract carried over a loopback WebSocket. It is how tests and machines
 * without an Electron binary run the whole app; it implements no feature itself.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { App } from '../services/app/compose-app.ts';
import { consoleLogger } from '../services/log/console-logger.ts';
import type { AppCore } from '../services/app/core.ts';
import type { EngineWindow } from '../services/app/ports.ts';
import { launchChromium } from './chromium.ts';
import { attachIpcServer } from './ipc-server.ts';
import { serveStatic } from './static-files.ts';
import { createHostServer } from './http-guard.ts';
import type { ShortcutAction } from '../services/desktop/desktop-settings.ts';
import type { Logger } from '../services/log/logger.ts';
import type { UpdateService } from '../services/update/update-service.ts';
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
  /** Benchmark only: the engine pings an idle connection after this many ms (bench:footprint compresses a day). */
  engineKeepaliveMs?: number;
  /** Benchmark only: told as each step of the start is done, to split the cold start's time. */
  onStartStep?: (step: 'composed' | 'chromium' | 'started' | 'window') => void;
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
  /** Where the app's log lines go (default: warnings and errors to stderr). */
  log?: Logger;
};

export type BrowserHost = {
  /** The app core's pieces: `core.state.get()`, `core.calls.answer(id)`, `core.session.signIn(…)`… */
  core: AppCore;
  /** Everything the composition root built (routers, desktop settings…). */
  app: App;
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

/**
 * The app's modules, loaded after Chromium's launch has begun: Node spends ~0.7 s loading them on one
 * core while Chromium boots on the other (bench:footprint's cold start; issue 23).
 */
async function appModules() {
  const [{ composeApp }, { NodeSecretBox }, { directoryExportTarget }, { nodeUpdater }, { noUpdateFeed }] =
    await Promise.all([
      import('../services/app/compose-app.ts'),
      import('../services/credentials/node-secret-box.ts'),
      import('../services/call-log/export.ts'),
      import('../services/update/node-updater.ts'),
      import('../services/update/updater-port.ts'),
    ]);
  return { composeApp, NodeSecretBox, directoryExportTarget, nodeUpdater, noUpdateFeed };
}

const DEFAULT_RENDERER_DIR = resolve(import.meta.dirname, '../../dist/renderer');

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const launching = launchChromium({
    headless: options.headless ?? true,
    fakeMicrophoneWav: options.fakeMicrophoneWav,
  });
  // Handled where it is awaited; this only keeps a launch failing during module loading from counting as unhandled.
  launching.catch(() => {});
  // A data folder the app cannot open (or any failure composing it) leaves no browser behind.
  const closeBrowser = () => launching.then((browser) => browser.close()).catch(() => {});
  try {
    return await startWith(options, launching);
  } catch (error) {
    await closeBrowser();
    throw error;
  }
}

async function startWith(options: BrowserHostOptions, launching: Promise<Browser>): Promise<BrowserHost> {
  const { composeApp, NodeSecretBox, directoryExportTarget, nodeUpdater, noUpdateFeed } = await appModules();
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  const secret = randomBytes(24).toString('base64url');
  const server = createHostServer(serveStatic(rendererDir));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const hostHash = `#host=${encodeURIComponent(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/ipc`)}&token=${secret}`;

  let enginePage: Page | null = null;
  let closingEngine = false;
  const engineWindow: EngineWindow = {
    async open(onGone) {
      const page = await context.newPage();
      enginePage = page;
      page.on('crash', () => onGone('The phone engine crashed'));
      page.on('close', () => {
        if (enginePage === page) enginePage = null;
        if (!closingEngine) onGone('The phone engine stopped');
      });
      page.on('console', (message) => {
        if (message.type() === 'error')
          app.diagnostics.engineLogger.error('engine page error', { text: message.text() });
      });
      await page.goto(
        `${origin}/engine/index.html${hostHash}${options.engineIceGathering ? '&ice=complete' : ''}${options.engineKeepaliveMs ? `&keepalive=${options.engineKeepaliveMs}` : ''}`,
      );
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

  // A call ringing while the UI window is closed gets its own small page, as Electron's always-on-top window.
  let callPage: Page | null = null;
  const osRequests: string[] = [];
  const notifications: BrowserHost['notifications'] = [];
  const log = options.log ?? consoleLogger('host');
  const exportTarget = directoryExportTarget(options.exportDir ?? join(options.dataDir, 'exports'));
  const app = composeApp({
    dataDir: options.dataDir,
    secretBox: new NodeSecretBox(join(options.dataDir, 'secret.key')),
    log,
    systemLocale: () => options.systemLocale ?? process.env.LANG ?? 'en',
    engineWindow,
    // Closes over `ipc`, attached below: nothing is broadcast before the app starts.
    ui: { broadcast: (event, payload) => ipc.broadcastToUi(event, payload) },
    callWindow: {
      mainWindowInFront: () => host.uiPage !== null,
      async open(size) {
        callPage = await context.newPage();
        // The size of Electron's call window, so what the test sees (and screenshots) is what the user sees.
        await callPage.setViewportSize(size);
        // Like Electron's loadURL, not awaited to the load event: the window shows as it loads, and
        // closing it (the call answered or gone meanwhile) must not wait behind a slow page load.
        await callPage.goto(`${origin}/ui/index.html?view=call${hostHash}`, { waitUntil: 'commit' });
      },
      async close() {
        const page = callPage;
        callPage = null;
        await page?.close();
      },
      async showMainWindow() {
        if (!host.uiPage) await host.openUiWindow();
      },
      notify: (notification) => void notifications.push(notification),
    },
    exportTarget,
    // No save dialog here: the diagnostics zip goes where exports go.
    diagnosticsTarget: exportTarget,
    runtimeVersions: () => ({ chromium: browser.version() }),
    logLevel: process.env.SWITCHBOARD_LOG_LEVEL,
    updater: options.updateFeedUrl
      ? nodeUpdater({
          feedUrl: options.updateFeedUrl,
          downloadDir: join(options.dataDir, 'updates'),
          ...(options.onInstallUpdate ? { onInstall: options.onInstallUpdate } : {}),
        })
      : noUpdateFeed,
    automaticUpdateChecks: Boolean(options.updateFeedUrl) && options.automaticUpdateChecks !== false,
    about: { version: options.appVersion ?? packageJson.version, runtime: 'browser host' },
    // No OS glue here: what the desktop settings ask of the OS is recorded; shortcuts are pressed by tests.
    desktopIntegration: () => ({
      setStartAtLogin: (enabled) => void osRequests.push(`start-at-login:${enabled}`),
      setLinkHandler: (enabled) => void osRequests.push(`link-handler:${enabled}`),
      setShortcuts: (shortcuts) => {
        osRequests.push(`shortcuts:${shortcuts.map((s) => `${s.action}=${s.accelerator}`).join(',')}`);
        return [];
      },
    }),
    provisioningUrl: options.provisioningUrl,
  });
  options.onStartStep?.('composed');
  const browser = await launching.catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  const context = await browser.newContext({ viewport: { width: 380, height: 640 }, permissions: ['microphone'] });
  options.onStartStep?.('chromium');

  const ipc = attachIpcServer(server, secret, {
    routes: app.routes,
    onUiConnected: () => ipc.broadcastToUi('state', app.core.state.get()),
    log: log.child({ service: 'ipc-server' }),
  });

  const host: BrowserHost = {
    core: app.core,
    app,
    updates: app.updates,
    callWindow: () => callPage,
    notifications,
    osRequests,
    showAbout: () => ipc.broadcastToUi('showAbout', {}),
    pressShortcut: (action) => app.pressShortcut(action),
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
      await app.shutdown();
      await browser.close();
      ipc.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await app.close();
    },
  };
  // The engine's page is asked for first (it registers), the UI's right after: both load at once, on two cores,
  // rather than the UI waiting for the engine to load and register.
  const starting = app.start().then(() => options.onStartStep?.('started'));
  await Promise.all([starting, host.openUiWindow()]);
  options.onStartStep?.('window');
  return host;
}
