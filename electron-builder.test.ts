/**
 * The packaging configuration, checked as far as a machine without an Electron binary allows: electron-builder
 * loads electron-builder.ts and validates it against its own schema (the same step `electron-builder` runs first),
 * and the settings the app depends on are what they must be. The emitted build itself is checked by
 * scripts/verify-electron-build.ts (`npm run build`), and a real electron-builder run around a stand-in Electron
 * binary by scripts/package-dry-run.ts (`npm run package:check`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, matchesGlob } from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Configuration, PlatformSpecificBuildOptions } from 'electron-builder';
import config from './electron-builder.ts';

const ROOT = import.meta.dirname;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };

// app-builder-lib is electron-builder's engine; resolve it (and its ajv) the way electron-builder does.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const fromLib = createRequire(fromBuilder.resolve('app-builder-lib/package.json'));
const builderConfig = fromLib('./out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = fromLib('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const clone = <T>(value: T): T => structuredClone(value);
const validate = (candidate: Configuration) =>
  builderConfig.validateConfiguration(clone(candidate), new DebugLogger(false));

/** Whether electron-builder's file patterns would copy `path` into the app (last matching pattern wins). */
function packs(path: string, patterns: readonly string[]): boolean {
  let included = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (matchesGlob(path, negated ? pattern.slice(1) : pattern)) included = !negated;
  }
  return included;
}
const patterns = (options: PlatformSpecificBuildOptions | null | undefined) =>
  [options?.files].flat().filter((p): p is string => typeof p === 'string');
const platforms = [
  ['linux', config.linux],
  ['win', config.win],
  ['mac', config.mac],
] as const;

// Loading electron-builder's configuration code and schema takes seconds on a busy 2-core machine.
describe('electron-builder configuration', { timeout: 30_000 }, () => {
  it('is the file electron-builder loads, and passes electron-builder’s own schema validation', async () => {
    const loaded = await builderConfig.getConfig(ROOT, null, null);
    expect(loaded.appId).toBe('com.switchboard.desktop');
    expect(loaded.productName).toBe('Switchboard');
    await expect(validate(loaded)).resolves.toBeUndefined();
  });

  it('would catch a broken configuration (the validator is live)', async () => {
    await expect(validate({ ...config, nsis: { ...config.nsis, perMachines: false } as never })).rejects.toThrow(
      /configuration\.nsis/,
    );
  });

  it('registers the tel, sip and callto URL schemes', () => {
    const schemes = [config.protocols].flat().flatMap((protocol) => protocol?.schemes ?? []);
    expect(schemes).toEqual(expect.arrayContaining(['tel', 'sip', 'callto']));
  });

  it('lists files per platform only (electron-builder does not merge a platform list into a top-level one)', () => {
    // A top-level list plus platform exclusions made electron-builder pack the whole project (seen in a dry run).
    expect(config.files).toBeUndefined();
  });

  it.each(platforms)(
    '%s packs main, preloads, renderer pages and tray icons, without source maps',
    (_name, options) => {
      const files = patterns(options);
      for (const path of [
        'package.json',
        pkg.main,
        'dist-electron/electron/services/app/compose-app.js',
        'dist-electron/src/shared/ipc/contract.js',
        'dist-electron/electron/preload/ui.cjs',
        'dist-electron/electron/preload/engine.cjs',
        'dist/renderer/ui/index.html',
        'dist/renderer/engine/index.html',
        'assets/tray-icon.png',
        'assets/tray-iconTemplate@2x.png',
      ]) {
        expect(packs(path, files), path).toBe(true);
      }
      expect(packs('dist-electron/electron/main/main.js.map', files)).toBe(false);
      for (const source of ['electron/main/main.ts', 'src/ui/main.tsx', 'test/support/app-driver.ts', 'README.md']) {
        expect(packs(source, files), source).toBe(false);
      }
    },
  );

  it('ships better-sqlite3’s prebuilt N-API binary unpacked and never rebuilds native modules', () => {
    expect(config.asar).toBe(true);
    const unpack = [config.asarUnpack].flat().filter((p): p is string => typeof p === 'string');
    expect(unpack.some((p) => matchesGlob('node_modules/better-sqlite3/prebuilds/linux-x64.node', p))).toBe(true);
    expect(config.npmRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it.each([
    ['linux', config.linux, ['linux-x64', 'linux-arm64', 'linuxmusl-x64'], ['win32-x64', 'darwin-arm64']],
    ['win', config.win, ['win32-x64', 'win32-arm64'], ['linux-x64', 'darwin-x64']],
    ['mac', config.mac, ['darwin-x64', 'darwin-arm64'], ['win32-x64', 'linux-arm64']],
  ] as const)('%s packs its own better-sqlite3 binaries only', (_name, options, own, foreign) => {
    // electron-builder adds production dependencies itself; the patterns can only take files away from them.
    const files = ['node_modules/**/*', ...patterns(options)];
    for (const target of own) expect(packs(`node_modules/better-sqlite3/prebuilds/${target}.node`, files)).toBe(true);
    for (const target of foreign) {
      expect(packs(`node_modules/better-sqlite3/prebuilds/${target}.node`, files)).toBe(false);
    }
    expect(packs('node_modules/better-sqlite3/lib/index.js', files)).toBe(true);
  });

  it('installs per user on Windows, with a one-click NSIS installer', () => {
    expect([config.win?.target].flat()).toContainEqual(expect.objectContaining({ target: 'nsis' }));
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false });
  });

  it('signs macOS builds with the hardened runtime and the entitlements a softphone needs', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect([config.mac?.target].flat()).toContainEqual(expect.objectContaining({ target: 'dmg' }));
    expect(config.mac?.extendInfo).toMatchObject({ NSMicrophoneUsageDescription: expect.stringMatching(/\w/) });
    for (const file of [config.mac?.entitlements, config.mac?.entitlementsInherit]) {
      const plist = readFileSync(join(ROOT, file ?? 'missing'), 'utf8');
      const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
      expect(granted).toEqual(
        expect.arrayContaining([
          'com.apple.security.device.audio-input',
          'com.apple.security.cs.allow-jit',
          'com.apple.security.cs.allow-unsigned-executable-memory',
        ]),
      );
    }
  });

  it('builds AppImage and deb, with a category and the URL schemes as MIME types', () => {
    expect(config.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux?.category).toMatch(/^Network;/);
    // electron-builder writes MimeType=x-scheme-handler/<scheme>; for each protocol scheme into the .desktop
    // file; nothing here may replace that line.
    expect(config.linux?.desktop?.entry?.MimeType).toBeUndefined();
    expect(config.linux?.mimeTypes).toBeUndefined();
  });

  describe('publish', () => {
    afterEach(() => {
      vi.unstubAllEnvs();
      vi.resetModules();
    });

    it('uses a generic server whose URL comes from SWITCHBOARD_UPDATE_URL, else a placeholder that never resolves', async () => {
      expect(config.publish).toMatchObject({ provider: 'generic', url: expect.stringMatching(/\.invalid\//) });
      vi.stubEnv('SWITCHBOARD_UPDATE_URL', 'https://updates.example.com/switchboard');
      vi.resetModules();
      const { default: configured } = await import('./electron-builder.ts');
      expect(configured.publish).toMatchObject({ url: 'https://updates.example.com/switchboard' });
    });
  });
});

describe('Electron build layout', () => {
  it('tsc emits electron/main/main.ts to package.json "main"', () => {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      join(ROOT, 'tsconfig.electron.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
        },
      },
    );
    if (!parsed) throw new Error('tsconfig.electron.json did not parse');
    expect(parsed.errors).toEqual([]);
    expect(parsed.options.noEmit).toBe(false);
    const outputs = ts.getOutputFileNames(parsed, join(ROOT, 'electron/main/main.ts'), false);
    expect(outputs).toContain(join(ROOT, pkg.main));
    expect(parsed.fileNames.filter((file) => /\.test\.ts$|\/src\/(ui|engine)\/|\/electron\/host\//.test(file))).toEqual(
      [],
    );
  });
});
