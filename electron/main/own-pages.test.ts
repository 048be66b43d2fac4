import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_DIR, isOwnPage, pageUrl } from './own-pages.ts';

const own = (path: string) => pathToFileURL(join(RENDERER_DIR, path)).href;

describe('own pages', () => {
  it('accepts the built UI and engine pages', () => {
    expect(isOwnPage(pageUrl('ui'))).toBe(true);
    expect(isOwnPage(pageUrl('engine'))).toBe(true);
    expect(isOwnPage(`${pageUrl('ui')}#/history`)).toBe(true);
    expect(isOwnPage(own('assets/ui.js'))).toBe(true);
  });

  it('rejects other file:// paths, including look-alike siblings of the renderer directory', () => {
    expect(isOwnPage(pathToFileURL('/etc/passwd').href)).toBe(false);
    expect(isOwnPage(pathToFileURL(`${RENDERER_DIR}-evil/ui/index.html`).href)).toBe(false);
    expect(isOwnPage(pathToFileURL(join(RENDERER_DIR, '..', 'index.html')).href)).toBe(false);
  });

  it('rejects web and other schemes, and empty URLs', () => {
    expect(isOwnPage('http://127.0.0.1:5173/ui/index.html')).toBe(false);
    expect(isOwnPage('https://example.com/')).toBe(false);
    expect(isOwnPage('about:blank')).toBe(false);
    expect(isOwnPage('devtools://devtools/bundled/inspector.html')).toBe(false);
    expect(isOwnPage('')).toBe(false);
  });

  it('resolves the renderer directory beside the compiled main process (dist-electron/electron/main → dist/renderer)', () => {
    expect(pageUrl('ui')).toMatch(/\/dist\/renderer\/ui\/index\.html$/);
  });
});
