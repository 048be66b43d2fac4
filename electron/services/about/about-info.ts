/**
 * What the About dialog shows: the version, the build, and the licences of the
 * third-party code Switchboard ships (runtime dependencies and the libraries bundled
 * into its pages). The list is checked against package.json and node_modules by a test.
 */
import type { AboutInfo } from '../../../src/shared/update.ts';

export const THIRD_PARTY_LICENCES: AboutInfo['licences'] = [
  { name: 'Electron (Chromium, Node.js)', licence: 'MIT; Chromium: BSD-3-Clause and others (LICENSES.chromium.html)' },
  { name: 'better-sqlite3', licence: 'MIT' },
  { name: 'electron-store', licence: 'MIT' },
  { name: 'electron-updater', licence: 'MIT' },
  { name: 'emojibase-data', licence: 'MIT' },
  { name: 'exceljs', licence: 'MIT' },
  { name: 'file-type', licence: 'MIT' },
  { name: 'i18next', licence: 'MIT' },
  { name: 'js-yaml', licence: 'MIT' },
  { name: 'JsSIP', licence: 'MIT' },
  { name: 'libphonenumber-js', licence: 'MIT' },
  { name: 'pino', licence: 'MIT' },
  { name: 'pinyin-pro', licence: 'MIT' },
  { name: 'React', licence: 'MIT' },
  { name: 'react-dom', licence: 'MIT' },
  { name: 'react-i18next', licence: 'MIT' },
  { name: 'rotating-file-stream', licence: 'MIT' },
  { name: 'SQLite', licence: 'Public domain' },
  { name: 'yazl', licence: 'MIT' },
  { name: 'zod', licence: 'MIT' },
  { name: '@tanstack/react-virtual', licence: 'MIT' },
];

export type AboutFacts = {
  version: string;
  /** A CI build number (SWITCHBOARD_BUILD), else "dev". */
  buildId?: string | undefined;
  /** e.g. "Electron 45.4.1" or "browser host". */
  runtime: string;
  platform: string;
};

export function aboutInfo(facts: AboutFacts): AboutInfo {
  return {
    version: facts.version,
    build: `${facts.buildId || 'dev'} · ${facts.runtime} · ${facts.platform}`.slice(0, 64),
    licences: THIRD_PARTY_LICENCES,
  };
}
