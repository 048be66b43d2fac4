/**
 * Electron configuration scan: @doyensec/electronegativity over the main process, preloads and
 * our HTML pages, offline, failing on any finding of severity high or above. Our own unit tests
 * cover what it cannot see (electron/main/*.test.ts: IPC sender checks, window-open handler,
 * navigation, permissions, window settings, CSP).
 *
 * Offline: the one check that downloads Electron's release list (AvailableSecurityFixesGlobalCheck)
 * is skipped (keeping Electron current is the job of dependency updates), and its translation
 * download is stubbed out (scripts/electronegativity-offline.ts).
 * Usage: node scripts/security-scan.ts [--keep]   (ELECTRONEGATIVITY_BIN overrides the binary)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = process.env.ELECTRONEGATIVITY_BIN ?? join(root, 'node_modules/.bin/electronegativity');
if (!existsSync(bin)) {
  console.error(`electronegativity is not installed (${bin}); run npm ci`);
  process.exit(1);
}

// What Electron runs: main process, preloads, services, and the pages with their CSP.
const input = mkdtempSync(join(tmpdir(), 'switchboard-scan-'));
cpSync(join(root, 'electron'), join(input, 'electron'), {
  recursive: true,
  filter: (path) => !/\.test\.ts$/.test(path),
});
cpSync(join(root, 'package.json'), join(input, 'package.json'));
for (const page of ['ui', 'engine']) {
  mkdirSync(join(input, 'pages', page), { recursive: true });
  cpSync(join(root, 'src', page, 'index.html'), join(input, 'pages', page, 'index.html'));
}

const csv = join(input, 'findings.csv');
const result = spawnSync(
  process.execPath,
  [
    '--import',
    join(root, 'scripts/electronegativity-offline.ts'),
    realpathSync(bin),
    '-i',
    input,
    '-r',
    '-x',
    'AvailableSecurityFixesGlobalCheck',
    '-o',
    csv,
    '-v',
    'false',
  ],
  { encoding: 'utf8' },
);
if (result.status !== 0 || !existsSync(csv)) {
  console.error(result.stdout, result.stderr);
  console.error('electronegativity did not finish');
  process.exit(1);
}
const parseErrors = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => /pars/i.test(line));

type Finding = {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  description: string;
};
const findings: Finding[] = readFileSync(csv, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [id, severity, confidence, file, location, ...rest] = line.split(',');
    const unquote = (value = '') => value.replace(/^"|"$/g, '');
    return {
      id: id!,
      severity: unquote(severity),
      confidence: unquote(confidence),
      file: unquote(file),
      location: unquote(location),
      description: unquote(rest.at(-2)),
    };
  });
if (!process.argv.includes('--keep')) rmSync(input, { recursive: true, force: true });

const blocking = findings.filter((finding) => finding.severity === 'HIGH' || finding.severity === 'CRITICAL');
for (const finding of findings) {
  const mark = blocking.includes(finding) ? 'FAIL' : 'note';
  console.log(`${mark} ${finding.severity.padEnd(13)} ${finding.id} ${finding.file}:${finding.location}`);
}
for (const line of parseErrors) console.log(`parse: ${line}`);
console.log(
  `electronegativity: ${findings.length} findings, ${blocking.length} of severity high or above${parseErrors.length ? `, ${parseErrors.length} parse problems` : ''}`,
);
process.exit(blocking.length > 0 || parseErrors.length > 0 ? 1 : 0);
