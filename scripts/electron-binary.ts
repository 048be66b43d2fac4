/**
 * Where the Electron executable is, if it was actually downloaded.
 *
 * Not `require('electron')`: since Electron 45 the package's index.js downloads the binary on first require when
 * it is missing, which hangs or fails on machines without internet (our build machines) and must never happen
 * behind a start script's back. This reads the same files that index.js reads (path.txt written by the
 * installer, `dist/`, and ELECTRON_OVERRIDE_DIST_PATH) and only reports what is on disk.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function findElectronBinary(
  env: NodeJS.ProcessEnv = process.env,
  packageDir: string | null = electronPackageDir(),
): string | null {
  if (packageDir === null) return null;
  let relative: string | null = null;
  try {
    relative = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim() || null;
  } catch {
    // No path.txt: the installer never ran (ELECTRON_SKIP_BINARY_DOWNLOAD, or install scripts blocked).
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, relative ?? 'electron')
    : relative === null
      ? null
      : join(packageDir, 'dist', relative);
  return candidate !== null && isFile(candidate) ? candidate : null;
}

function electronPackageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

if (import.meta.main)
  console.log(findElectronBinary() ?? 'no Electron binary: node_modules/electron has no downloaded executable');
