/**
 * Electron Forge, for development only: `npx electron-forge start` builds the app (renderer pages, main
 * process, preloads) and launches it in the local Electron binary with DevTools-friendly reloads.
 *
 * Installers are made by electron-builder (electron-builder.ts), not by Forge's makers: it gives the per-user
 * NSIS installer, hardened-runtime dmg with entitlements, AppImage/deb with URL-scheme registration and update
 * metadata from one config, and it leaves better-sqlite3's N-API prebuilt binary alone (`npmRebuild: false`).
 * Two packagers producing installers would drift apart, so this file has no makers.
 *
 * @electron-forge/cli is deliberately not a devDependency: it pulls in a second packager (@electron/packager)
 * and `forge start` resolves Electron through `require('electron')`, which downloads the binary when it is
 * missing; our build machines have no Electron binary and no internet. `npm start` (scripts/start.ts) covers
 * development there. On a workstation with Electron:  npx --package @electron-forge/cli electron-forge start
 * The type below is the subset of Forge's `ForgeConfig` used here, so this file type-checks without Forge.
 */
import { execFileSync } from 'node:child_process';

type ForgeConfig = {
  packagerConfig: { name: string; executableName: string; appBundleId: string; icon: string; asar: boolean };
  /** Which native modules Forge would rebuild for Electron's ABI: none, better-sqlite3 is N-API. */
  rebuildConfig: { onlyModules: string[] };
  makers: never[];
  hooks: { generateAssets(): Promise<void> };
};

const config: ForgeConfig = {
  packagerConfig: {
    name: 'Switchboard',
    executableName: 'switchboard',
    appBundleId: 'com.switchboard.desktop',
    icon: 'build/icon',
    asar: true,
  },
  rebuildConfig: { onlyModules: [] },
  makers: [],
  hooks: {
    // `forge start` runs this before launching Electron on package.json "main" (dist-electron/electron/main/main.js).
    async generateAssets() {
      execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
    },
  },
};

export default config;
