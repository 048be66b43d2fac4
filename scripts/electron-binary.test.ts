import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary.ts';

describe('findElectronBinary', () => {
  let pkg: string;
  beforeEach(() => {
    pkg = mkdtempSync(join(tmpdir(), 'electron-pkg-'));
  });
  afterEach(() => rmSync(pkg, { recursive: true, force: true }));

  const install = (relative: string) => {
    writeFileSync(join(pkg, 'path.txt'), relative);
    const binary = join(pkg, 'dist', relative);
    mkdirSync(join(binary, '..'), { recursive: true });
    writeFileSync(binary, '');
    chmodSync(binary, 0o755);
    return binary;
  };

  it('is null when the installer never ran (no path.txt), without trying to download', () => {
    expect(findElectronBinary({}, pkg)).toBeNull();
  });

  it('is null when path.txt names a binary that is not on disk', () => {
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    expect(findElectronBinary({}, pkg)).toBeNull();
  });

  it('finds the downloaded binary, on Linux and in a macOS bundle', () => {
    const linux = install('electron');
    expect(findElectronBinary({}, pkg)).toBe(linux);
    const mac = install('Electron.app/Contents/MacOS/Electron');
    expect(findElectronBinary({}, pkg)).toBe(mac);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const dist = mkdtempSync(join(tmpdir(), 'electron-dist-'));
    try {
      expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dist }, pkg)).toBeNull();
      writeFileSync(join(dist, 'electron'), '');
      expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dist }, pkg)).toBe(join(dist, 'electron'));
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('is null when the electron package is not installed at all', () => {
    expect(findElectronBinary({}, null)).toBeNull();
  });
});
