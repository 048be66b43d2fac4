/**
 * Which slow test files listen to audio. Those correlate known voices with what a call carried, and a second
 * Chromium or Kamailio beside them on a 2-core machine drops the correlations (0.8 → 0.57 measured), so they run
 * one at a time; every other integration and end-to-end file runs two at a time (scripts/test.ts).
 *
 * Read from the files themselves, so a new audio test needs no list kept by hand: a file that uses the audio checks
 * (test/support/hearing.ts, spoken-code.ts, voices.ts, audio envelopes, correlation) is an audio file.
 */
import { globSync, readFileSync } from 'node:fs';

export const SLOW_TEST_FILES = ['**/*.int.test.ts', '**/*.e2e.test.ts'];
const IGNORED_DIRS = ['node_modules', 'dist', 'dist-electron'];

const LISTENS = /support\/(hearing|spoken-code|voices)\.ts|audio-envelope|inboundEnvelope|[cC]orrelat/;

/** True when this source uses the audio checks. */
export const listensToAudio = (source: string): boolean => LISTENS.test(source);

/** Slow test files under root that listen to audio, as paths relative to root (posix separators). */
export function audioTestFiles(root: string): string[] {
  return globSync(SLOW_TEST_FILES, {
    cwd: root,
    exclude: (name: string) => IGNORED_DIRS.includes(name),
  })
    .map((path) => path.split('\\').join('/'))
    .filter((path) => listensToAudio(readFileSync(`${root}/${path}`, 'utf8')))
    .sort();
}
