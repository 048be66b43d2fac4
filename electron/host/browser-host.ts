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
};

export type BrowserHost = {
  core: AppCore;
  browser: Browser;
  context: BrowserContext;
  /** The UI window; `openUiWindow` makes a new one after the user closed it. */
  uiPage: Page | null;
  openUiWindow(): Promise<Page>;
  enginePage(): Page | null;
  stop(): Promise<void>;
};

const DEFAULT_RENDERER_DIR = resolve(import.meta.dirname, '../../dist/renderer');

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  const secret = randomBytes(24).toString('base64url');
  const services: AppServices = openAppServices(
    options.dataDir,
    new NodeSecretBox(join(options.dataDir, 'secret.key')),
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
        if (message.type() === 'error') console.warn(`[engine] ${message.text()}`);
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

  const core: AppCore = new AppCore({
    engine: engineWindow,
    ui: { broadcast: (event, payload) => ipc.broadcastToUi(event, payload) },
    callLog: services.callLog,
    settings: services.settings,
    credentials: services.credentials,
    directory: services.directory,
    systemLocale: () => options.systemLocale ?? process.env.LANG ?? 'en',
    diagnoseConnection,
    exportTarget: directoryExportTarget(options.exportDir ?? join(options.dataDir, 'exports')),
    ...(options.provisioningUrl ? { provisioningUrl: options.provisioningUrl } : {}),
  });
  const ipc = attachIpcServer(server, secret, {
    routes: { ui: createUiRouter(core), engine: createEngineRouter(core) },
    onUiConnected: () => ipc.broadcastToUi('state', core.getState()),
  });

  const host: BrowserHost = {
    core,
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
      await core.shutdown();
      await browser.close();
      ipc.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      services.close();
    },
  };
  await core.resume();
  await host.openUiWindow();
  return host;
}
