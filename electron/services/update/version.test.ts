import { describe, expect, it } from 'vitest';
import { isNewerVersion, parseVersion } from './version.ts';

describe('update versions', () => {
  it('offers only a strictly newer release', () => {
    expect(isNewerVersion('0.2.0', '0.1.0')).toBe(true);
    expect(isNewerVersion('0.10.0', '0.9.9')).toBe(true); // numeric, not text, order
    expect(isNewerVersion('1.0.0', '0.99.99')).toBe(true);
    expect(isNewerVersion('0.1.0', '0.1.0')).toBe(false);
    expect(isNewerVersion('0.0.9', '0.1.0')).toBe(false);
    expect(isNewerVersion('v0.2.0', '0.1.0')).toBe(true);
  });

  it('ranks a release above its pre-releases, and pre-releases by semver rules', () => {
    expect(isNewerVersion('1.0.0', '1.0.0-beta.2')).toBe(true);
    expect(isNewerVersion('1.0.0-beta.2', '1.0.0')).toBe(false);
    expect(isNewerVersion('1.0.0-beta.11', '1.0.0-beta.2')).toBe(true);
    expect(isNewerVersion('1.0.0-rc.1', '1.0.0-beta.9')).toBe(true);
    expect(isNewerVersion('1.0.0-alpha.1', '1.0.0-alpha')).toBe(true);
    expect(isNewerVersion('1.0.0-alpha.beta', '1.0.0-alpha.1')).toBe(true);
  });

  it('ignores build metadata', () => {
    expect(isNewerVersion('0.1.0+build.7', '0.1.0')).toBe(false);
  });

  it('never treats a malformed version as newer', () => {
    for (const bad of [
      '',
      '1',
      '1.2',
      '99999999999.0.0',
      '1.0.0-',
      '1.0.0-01',
      'latest',
      '1.0.0\n',
      '１.0.0',
      '1.0.0 ; rm',
    ])
      expect(isNewerVersion(bad, '0.1.0'), JSON.stringify(bad)).toBe(false);
    expect(parseVersion('1.0.0\u0000')).toBeNull();
  });
});
