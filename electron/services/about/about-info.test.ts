import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aboutInfo, THIRD_PARTY_LICENCES } from './about-info.ts';

const ROOT = join(import.meta.dirname, '../../..');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const BUNDLED_IN_PAGES = [
  'react',
  'react-dom',
  'jssip',
  'i18next',
  'react-i18next',
  '@tanstack/react-virtual',
  'emojibase-data',
];

describe('About: licences', () => {
  it('names every runtime dependency and every library bundled into the pages, with its licence', () => {
    const listed = new Map(THIRD_PARTY_LICENCES.map((entry) => [entry.name.toLowerCase(), entry.licence]));
    for (const name of [...Object.keys(packageJson.dependencies), ...BUNDLED_IN_PAGES]) {
      const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
        license: string;
      };
      expect(listed.get(name.toLowerCase()), name).toBe(installed.license);
    }
  });

  it('shows the version and a build line that says what is running', () => {
    const info = aboutInfo({ version: '0.1.0', runtime: 'Electron 45.4.1', platform: 'win32-x64' });
    expect(info.version).toBe('0.1.0');
    expect(info.build).toBe('dev · Electron 45.4.1 · win32-x64');
    expect(aboutInfo({ version: '1.0.0', buildId: '1234', runtime: 'browser host', platform: 'linux-x64' }).build).toBe(
      '1234 · browser host · linux-x64',
    );
  });
});
