import { describe, expect, it } from 'vitest';
import { parseFeedText, readFeed } from './update-feed.ts';

const SHA = 'A'.repeat(86) + '==';
const feed = (version: string, extra = '') => `version: ${version}
files:
  - url: Switchboard-Setup-${version}.exe
    sha512: ${SHA}
    size: 1234
path: Switchboard-Setup-${version}.exe
sha512: ${SHA}
releaseDate: '2026-11-23T10:00:00.000Z'
${extra}`;

describe('the update feed (latest.yml)', () => {
  it('reads the version and the installer electron-builder publishes', () => {
    const result = parseFeedText(feed('0.2.0'));
    expect(result).toEqual({
      ok: true,
      offer: {
        version: '0.2.0',
        file: { url: 'Switchboard-Setup-0.2.0.exe', sha512: SHA, size: 1234 },
        releaseDate: '2026-11-23T10:00:00.000Z',
      },
    });
  });

  it('accepts electron-updater’s parsed UpdateInfo as it is', () => {
    const info = {
      version: '1.2.3',
      files: [{ url: 'a.AppImage', sha512: SHA, size: 9 }],
      path: 'a.AppImage',
      sha512: SHA,
    };
    expect(readFeed(info).ok).toBe(true);
  });

  it('refuses feeds it could not act on safely, saying what is wrong', () => {
    const cases: Array<[string, RegExp]> = [
      ['version: [1\nfiles: {', /not valid YAML/],
      ['just text', /not a usable latest\.yml/],
      [feed('latest'), /version: version is not a semantic version/],
      [feed('0.2.0').replace(SHA, 'abc'), /files\.0\.sha512: sha512 must be 64 bytes in base64/],
      [feed('0.2.0').replace('url: Switchboard', 'url: javascript:alert(1)//Switchboard'), /files\.0\.url/],
      [feed('0.2.0').replace('url: Switchboard', 'url: file:///etc/passwd#'), /url must be relative or http/],
      ['version: 0.2.0\nfiles: []\n', /files/],
      [feed('0.2.0').replace('size: 1234', 'size: -5'), /files\.0\.size/],
      ['x'.repeat(70_000), /larger than/],
    ];
    for (const [text, message] of cases) {
      const result = parseFeedText(text);
      expect(result.ok, text.slice(0, 60)).toBe(false);
      if (!result.ok) expect(result.message).toMatch(message);
    }
  });

  it('does not run YAML tags or turn dates into objects', () => {
    const result = parseFeedText(feed('0.2.0', 'evil: !!js/function "function(){}"'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/not valid YAML/);
  });
});
