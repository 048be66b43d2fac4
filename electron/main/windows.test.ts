/**
 * The windows main creates, with Electron replaced by a recorder: both are isolated, sandboxed,
 * without Node, load only our own pages and our own preloads.
 */
import { describe, expect, it, vi } from 'vitest';

const made = vi.hoisted(() => [] as { options: Record<string, unknown>; loaded: string[] }[]);
vi.mock('electron', () => ({
  BrowserWindow: class {
    record: { options: Record<string, unknown>; loaded: string[] };
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [] };
      made.push(this.record);
    }
    once() {}
    on() {}
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
  },
}));

const { createEngineWindow, createUiWindow } = await import('./windows.ts');
const { isOwnPage } = await import('./own-pages.ts');

describe('window settings', () => {
  it.each([
    ['UI', createUiWindow, 'ui.cjs'],
    ['engine', createEngineWindow, 'engine.cjs'],
  ] as const)(
    'the %s window: context isolation, sandbox, no Node, web security, our preload and page',
    (_n, create, preload) => {
      made.length = 0;
      create();
      const [{ options, loaded }] = made as [(typeof made)[0]];
      const prefs = options.webPreferences as Record<string, unknown>;
      expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
      for (const risky of [
        'nodeIntegrationInWorker',
        'nodeIntegrationInSubFrames',
        'webviewTag',
        'allowRunningInsecureContent',
        'experimentalFeatures',
        'enableBlinkFeatures',
      ]) {
        expect(prefs[risky], risky).toBeUndefined();
      }
      expect(String(prefs.preload)).toMatch(new RegExp(`[/\\\\]preload[/\\\\]${preload.replace('.', '\\.')}$`));
      expect(loaded).toHaveLength(1);
      expect(isOwnPage(loaded[0]!)).toBe(true);
    },
  );

  it('the UI window is resizable (the wide chat desk) and opens at the size it is given, else the phone size', () => {
    made.length = 0;
    createUiWindow({ size: { width: 1100, height: 700 } });
    createUiWindow();
    expect(made.map((w) => [w.options.resizable, w.options.width, w.options.height])).toEqual([
      [true, 1100, 700],
      [true, 380, 640],
    ]);
  });
});
