/**
 * Packages the app for Linux with electron-builder (`--dir`) around a stand-in Electron binary, then checks what
 * went into app.asar and how the fuses were set. It is as far as packaging gets without the real Electron download:
 * the stand-in is a shell script carrying an Electron fuse wire, so everything electron-builder does is its real
 * work with our configuration (file patterns, production node_modules, asar, asarUnpack, fuses, app-update.yml);
 * only the binary it wraps is not Electron. Installers (AppImage, deb, NSIS, dmg) are not attempted.
 * Run after `npm run build`:  node scripts/package-dry-run.ts
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const asar = require(createRequire(require.resolve('electron-builder/package.json')).resolve('@electron/asar')) as {
  listPackage(archive: string, options: { isPack: boolean }): string[];
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };

const work = mkdtempSync(join(tmpdir(), 'switchboard-package-'));
const fakeElectron = join(work, 'electron-dist');
mkdirSync(join(fakeElectron, 'resources'), { recursive: true });
// Electron's fuse wire: sentinel, wire version 1, length, then one '0'/'1' per fuse (Electron's defaults).
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
const wire = (defaults: string) =>
  Buffer.concat([Buffer.from(SENTINEL), Buffer.of(1, FUSES.length), Buffer.from(defaults)]);
writeFileSync(
  join(fakeElectron, 'electron'),
  Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in for the Electron binary"\nexit 0\n# '),
    wire('10110001'),
    Buffer.from('\n'),
  ]),
);
chmodSync(join(fakeElectron, 'electron'), 0o755);

const problems: string[] = [];
try {
  const result = spawnSync(
    'npx',
    [
      'electron-builder',
      '--dir',
      '--linux',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${fakeElectron}`,
      `-c.directories.output=${join(work, 'release')}`,
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
  );
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  const resources = join(work, 'release', 'linux-unpacked', 'resources');
  const archive = join(resources, 'app.asar');
  if (!existsSync(archive)) throw new Error(`electron-builder made no app.asar (exit ${result.status})`);

  const files = new Set(asar.listPackage(archive, { isPack: false }).map((f) => f.replace(/\\/g, '/').slice(1)));
  const topLevel = new Set([...files].map((f) => f.split('/')[0]));
  console.log(`app.asar: ${files.size} entries; top level: ${[...topLevel].sort().join(' ')}`);

  for (const required of [
    'package.json',
    pkg.main,
    'dist-electron/electron/preload/ui.cjs',
    'dist-electron/electron/preload/engine.cjs',
    'dist/renderer/ui/index.html',
    'dist/renderer/engine/index.html',
    'assets/tray-icon.png',
    'node_modules/better-sqlite3/lib/index.js',
    'node_modules/zod/package.json',
    // Auto-update (issue 7): electron-updater and what it loads at run time, and the feed parser.
    'node_modules/electron-updater/out/main.js',
    'node_modules/builder-util-runtime/out/index.js',
    'node_modules/js-yaml/package.json',
    'node_modules/semver/package.json',
    'node_modules/lazy-val/package.json',
    'node_modules/fs-extra/package.json',
    'node_modules/graceful-fs/package.json',
    // Log files and the diagnostics zip (issue 15): pino and what it loads in-process, the rotation, the zip.
    'node_modules/pino/pino.js',
    'node_modules/sonic-boom/package.json',
    'node_modules/thread-stream/package.json',
    'node_modules/pino-std-serializers/package.json',
    'node_modules/rotating-file-stream/dist/esm/index.js',
    'node_modules/yazl/index.js',
    'node_modules/buffer-crc32/package.json',
    'assets/tray-icon-error-missed.png',
  ]) {
    if (!files.has(required)) problems.push(`${required} is missing from app.asar`);
  }
  const allowedTopLevel = new Set(['package.json', 'dist-electron', 'dist', 'assets', 'node_modules']);
  for (const entry of topLevel) if (!allowedTopLevel.has(entry!)) problems.push(`app.asar contains ${entry}`);
  for (const file of files) {
    if (!file.startsWith('node_modules/') && file.endsWith('.map')) problems.push(`app.asar contains ${file}`);
    if (/^node_modules\/(electron|electron-builder|vite|vitest|typescript)\//.test(file)) {
      problems.push(`app.asar contains a devDependency: ${file}`);
    }
  }

  const unpacked = join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds');
  if (!existsSync(join(unpacked, 'linux-x64.node'))) problems.push('better-sqlite3 linux-x64.node is not unpacked');
  for (const foreign of ['win32-x64.node', 'darwin-arm64.node']) {
    if (existsSync(join(unpacked, foreign)) || files.has(`node_modules/better-sqlite3/prebuilds/${foreign}`)) {
      problems.push(`the Linux package carries better-sqlite3 ${foreign}`);
    }
  }
  const binary = readFileSync(join(work, 'release', 'linux-unpacked', 'switchboard'));
  const at = binary.indexOf(SENTINEL) + SENTINEL.length + 2;
  const fuses = Object.fromEntries(FUSES.map((name, i) => [name, binary[at + i] === 0x31]));
  console.log(`fuses: ${JSON.stringify(fuses)}`);
  const expectedFuses = { runAsNode: false, enableNodeOptionsEnvironmentVariable: false, onlyLoadAppFromAsar: true };
  for (const [name, value] of Object.entries(expectedFuses)) {
    if (fuses[name] !== value) problems.push(`fuse ${name} is ${fuses[name]}, expected ${value}`);
  }
  const update = readFileSync(join(resources, 'app-update.yml'), 'utf8');
  if (!/provider: generic/.test(update)) problems.push(`app-update.yml: ${update}`);
} catch (error) {
  problems.push(error instanceof Error ? error.message : String(error));
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`package-dry-run: ${problems.length} problem(s)\n - ${problems.join('\n - ')}`);
  process.exit(1);
}
console.log('package-dry-run: app.asar holds the built app and production dependencies only; sqlite unpacked');
