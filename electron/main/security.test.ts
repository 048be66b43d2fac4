/**
 * hardenSessions() wired to Electron, with Electron replaced by a recorder: every new web contents
 * gets the window-open, navigation and webview guards, and the session the permission handlers.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const handlers: Record<string, (...args: unknown[]) => unknown> = {};
  return {
    handlers,
    opened: [] as string[],
    app: { on: (event: string, handler: (...args: unknown[]) => unknown) => void (handlers[`app:${event}`] = handler) },
    shell: { openExternal: (url: string) => void electronOpened(url) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: (...args: unknown[]) => unknown) => void (handlers.request = handler),
        setPermissionCheckHandler: (handler: (...args: unknown[]) => unknown) => void (handlers.check = handler),
      },
    },
  };
  function electronOpened(url: string) {
    electron.opened.push(url);
  }
});
vi.mock('electron', () => ({ app: electron.app, shell: electron.shell, session: electron.session }));

const { hardenSessions } = await import('./security.ts');
const { pageUrl } = await import('./own-pages.ts');

type Listener = (event: { preventDefault(): void }, url?: string) => void;
function fakeContents(url: string) {
  const listeners: Record<string, Listener> = {};
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    getURL: () => url,
    setWindowOpenHandler: (handler: typeof openHandler) => void (openHandler = handler),
    on: (event: string, listener: Listener) => void (listeners[event] = listener),
    open: (target: string) => openHandler!({ url: target }),
    fire(event: string, target?: string): boolean {
      let prevented = false;
      listeners[event]!({ preventDefault: () => void (prevented = true) }, target);
      return prevented;
    },
  };
}

describe('hardened sessions', () => {
  beforeAll(() => hardenSessions());
  const contents = () => {
    const fake = fakeContents(pageUrl('ui'));
    electron.handlers['app:web-contents-created']!({}, fake);
    return fake;
  };

  it('window.open never makes a window; only https links go to the browser', () => {
    const page = contents();
    electron.opened.length = 0;
    expect(page.open('https://docs.example.com/help')).toEqual({ action: 'deny' });
    expect(page.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(page.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(electron.opened).toEqual(['https://docs.example.com/help']);
  });

  it('navigation away from our pages and <webview> are prevented', () => {
    const page = contents();
    expect(page.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(page.fire('will-navigate', pageUrl('engine'))).toBe(false);
    expect(page.fire('will-attach-webview')).toBe(true);
  });

  it('permissions: audio for our pages; nothing for others, no video, no other permission', () => {
    const ask = (url: string, permission: string, mediaTypes?: string[]) => {
      let granted: boolean | undefined;
      electron.handlers.request!({ getURL: () => url }, permission, (ok: boolean) => (granted = ok), { mediaTypes });
      return granted;
    };
    expect(ask(pageUrl('engine'), 'media', ['audio'])).toBe(true);
    expect(ask(pageUrl('engine'), 'media', ['audio', 'video'])).toBe(false);
    expect(ask('https://evil.example/', 'media', ['audio'])).toBe(false);
    expect(ask(pageUrl('ui'), 'notifications')).toBe(false);
    expect(electron.handlers.check!({ getURL: () => pageUrl('engine') }, 'media')).toBe(true);
    expect(electron.handlers.check!({ getURL: () => 'https://evil.example/' }, 'media')).toBe(false);
    expect(electron.handlers.check!(null, 'media')).toBe(false);
  });
});
