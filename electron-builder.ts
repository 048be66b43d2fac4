/**
 * electron-builder: how the installers are made (NSIS on Windows, dmg on macOS, AppImage and deb on Linux).
 * electron-builder finds this file by its name; `npm run build` must have run first (see README, "Building
 * installers"). electron-builder.test.ts validates it against electron-builder's own schema.
 *
 * Environment (all optional; placeholders keep a local build working):
 *   SWITCHBOARD_UPDATE_URL  base URL the update metadata (latest.yml etc.) is published to
 *   SWITCHBOARD_HOMEPAGE    project URL written into the Linux packages
 *   CSC_LINK, CSC_KEY_PASSWORD, WIN_CSC_LINK, WIN_CSC_KEY_PASSWORD       code signing certificates
 *   APPLE_API_KEY, APPLE_API_KEY_ID, APPLE_API_ISSUER (or APPLE_ID, ...)  macOS notarization, done when present
 */
import type { Configuration } from 'electron-builder';

/** `.invalid` never resolves: an unconfigured build fails its update checks instead of asking a stranger's host. */
const PLACEHOLDER_UPDATE_URL = 'https://updates.switchboard.invalid/desktop';
const PLACEHOLDER_HOMEPAGE = 'https://switchboard.invalid';

/**
 * What goes into app.asar besides the production node_modules, which electron-builder adds itself (these patterns
 * can only take files away from those). Set per platform, because each installer needs only its own one of
 * better-sqlite3's prebuilt binaries (prebuilds/linux-x64.node, ...). Only per platform: electron-builder does not
 * merge a platform's `files` into the top-level list, and a platform list of exclusions alone means "everything".
 */
const filesWithoutPrebuilds = (...platforms: [string, string, ...string[]]) => [
  'package.json',
  'dist-electron/**/*',
  'dist/renderer/**/*',
  'assets/**/*',
  '!**/*.map',
  // better-sqlite3's C++ sources and bundled SQLite source: only for building from source, which we never do.
  '!node_modules/better-sqlite3/{deps,src,binding.gyp}',
  `!node_modules/better-sqlite3/prebuilds/{${platforms.join(',')}}-*.node`,
];

const config: Configuration = {
  appId: 'com.switchboard.desktop',
  productName: 'Switchboard',
  copyright: 'Copyright © Switchboard contributors',
  directories: { output: 'release', buildResources: 'build' },
  extraMetadata: {
    // Electron takes its Linux app_id / WM_CLASS from desktopName; it must match the installed .desktop file.
    desktopName: 'switchboard.desktop',
    homepage: process.env.SWITCHBOARD_HOMEPAGE ?? PLACEHOLDER_HOMEPAGE,
    // The deb maintainer and the Windows publisher come from here.
    author: { name: 'Switchboard', email: 'support@switchboard.invalid' },
  },

  asar: true,
  // Native code cannot be loaded from inside an archive: Electron redirects these to app.asar.unpacked/.
  asarUnpack: ['node_modules/better-sqlite3/**/*.node'],
  // better-sqlite3 13 loads N-API prebuilt binaries, which work in Electron's Node unchanged: never rebuild.
  npmRebuild: false,
  buildDependenciesFromSource: false,
  nodeGypRebuild: false,

  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
    // The pages are file:// module scripts (vite.config.ts, base './'); they need file:// to keep its privileges.
    grantFileProtocolExtraPrivileges: true,
  },

  // Click-to-call links. macOS and Linux register them from the installer; on Windows, main has to call
  // app.setAsDefaultProtocolClient at run time.
  protocols: [
    { name: 'Telephone number', schemes: ['tel'] },
    { name: 'SIP address', schemes: ['sip'] },
    { name: 'Callto link', schemes: ['callto'] },
  ],

  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    files: filesWithoutPrebuilds('darwin', 'linux', 'linuxmusl'),
  },
  nsis: {
    // Per-user, no elevation: installs to %LOCALAPPDATA%\Programs, as a softphone needs no admin rights.
    oneClick: true,
    perMachine: false,
    allowElevation: false,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    deleteAppDataOnUninstall: false,
  },

  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    category: 'public.app-category.business',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    extendInfo: {
      NSMicrophoneUsageDescription: 'Switchboard uses the microphone for your phone calls.',
    },
    files: filesWithoutPrebuilds('win32', 'linux', 'linuxmusl'),
  },
  dmg: {
    writeUpdateInfo: false,
  },

  linux: {
    target: ['AppImage', 'deb'],
    category: 'Network;Telephony',
    synopsis: 'Softphone for your cloud phone system',
    description: 'Call colleagues and outside numbers through your company cloud PBX, from the tray.',
    maintainer: 'Switchboard <support@switchboard.invalid>',
    // MimeType=x-scheme-handler/tel;x-scheme-handler/sip;x-scheme-handler/callto; comes from `protocols` above.
    syncDesktopName: true,
    files: filesWithoutPrebuilds('darwin', 'win32'),
  },
  deb: {
    packageCategory: 'net',
    priority: 'optional',
  },

  publish: {
    provider: 'generic',
    url: process.env.SWITCHBOARD_UPDATE_URL ?? PLACEHOLDER_UPDATE_URL,
  },
};

export default config;
