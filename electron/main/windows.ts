/**
 * The two windows main owns: the visible UI and the hidden phone engine. The
 * engine window lives from sign-in to sign-out, independent of the UI window,
 * so closing or reloading the UI never drops a registration or a call.
 */
import { BrowserWindow, screen } from 'electron';
import { resolve } from 'node:path';
import { pageUrl } from './own-pages.ts';

const PRELOAD_DIR = resolve(import.meta.dirname, '../preload');

/**
 * `showAbout`: the tray's About opened a window that was closed; the page opens the dialog once it renders.
 * Resizable: from 900 px wide the Chats tab is the agent's desk (list, chat and customer side by side).
 */
export function createUiWindow(
  options: { showAbout?: boolean; size?: { width: number; height: number } } = {},
): BrowserWindow {
  const window = new BrowserWindow({
    // The size the user left it at (window-size.ts): the phone window, or the wide chat desk.
    width: options.size?.width ?? 380,
    height: options.size?.height ?? 640,
    minWidth: 340,
    minHeight: 520,
    resizable: true,
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
  void window.loadURL(`${pageUrl('ui')}${options.showAbout ? '?show=about' : ''}`);
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

/**
 * The small incoming-call window: the UI page in its call view, always on top (over
 * full-screen apps where the OS allows), in the corner of the screen, shown without
 * taking focus from whatever the user is typing in. Same preload and role as the UI window.
 * Sized by main for the text size (callWindowSize).
 */
export function createCallWindow({ width, height }: { width: number; height: number }): BrowserWindow {
  const area = screen.getPrimaryDisplay().workArea;
  const window = new BrowserWindow({
    width,
    height,
    x: area.x + area.width - width - 16,
    y: area.y + area.height - height - 16,
    show: false,
    frame: false,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    title: 'Switchboard',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      preload: resolve(PRELOAD_DIR, 'ui.cjs'),
    },
  });
  window.setAlwaysOnTop(true, 'screen-saver');
  window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
  window.once('ready-to-show', () => window.showInactive());
  void window.loadURL(`${pageUrl('ui')}?view=call`);
  return window;
}
