/**
 * The two windows main owns: the visible UI and the hidden phone engine. The
 * engine window lives from sign-in to sign-out, independent of the UI window,
 * so closing or reloading the UI never drops a registration or a call.
 */
import { BrowserWindow } from 'electron';
import { resolve } from 'node:path';
import { pageUrl } from './own-pages.ts';

const PRELOAD_DIR = resolve(import.meta.dirname, '../preload');

export function createUiWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 380,
    height: 640,
    minWidth: 340,
    minHeight: 520,
    show: false,
    title: 'Switchboard',
    // Spelled out in each window (not spread from a shared object) so a scanner such as
    // electronegativity, and a reviewer, sees every flag where the window is made.
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      preload: resolve(PRELOAD_DIR, 'ui.cjs'),
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(pageUrl('ui'));
  return window;
}

export function createEngineWindow(): BrowserWindow {
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      preload: resolve(PRELOAD_DIR, 'engine.cjs'),
      // A hidden window is throttled by default; calls and ringing must not be.
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
  void window.loadURL(pageUrl('engine'));
  return window;
}
