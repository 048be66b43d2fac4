import { describe, expect, it } from 'vitest';
import { pageUrl } from './own-pages.ts';
import { allowNavigation, allowPermission, windowOpenAction } from './security-policy.ts';

describe('security policy', () => {
  const engine = pageUrl('engine');

  it('grants the microphone to our own pages only, and nothing else', () => {
    expect(allowPermission('media', engine, ['audio'])).toBe(true);
    expect(allowPermission('media', engine, ['audio', 'video'])).toBe(false);
    expect(allowPermission('media', engine, [])).toBe(false);
    expect(allowPermission('media', engine, undefined)).toBe(false);
    expect(allowPermission('media', 'https://evil.example/', ['audio'])).toBe(false);
    for (const other of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'display-capture']) {
      expect(allowPermission(other, engine, ['audio'])).toBe(false);
    }
  });

  it('keeps windows on our pages', () => {
    expect(allowNavigation(pageUrl('ui'))).toBe(true);
    expect(allowNavigation('https://evil.example/')).toBe(false);
    expect(allowNavigation('file:///etc/passwd')).toBe(false);
    expect(allowNavigation('javascript:alert(1)')).toBe(false);
  });

  it('sends http(s) links to the browser and drops every other scheme', () => {
    expect(windowOpenAction('https://docs.example.com/help')).toEqual({ openExternally: true });
    expect(windowOpenAction('http://intranet.example/wiki')).toEqual({ openExternally: true });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://a b']) {
      expect(windowOpenAction(url)).toEqual({ openExternally: false });
    }
  });
});
