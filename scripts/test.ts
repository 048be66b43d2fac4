/**
 * The whole test suite: type check and lint, build the renderer pages, then run
 * every test (unit, integration against the real switchboard, end-to-end in
 * Chromium) inside a loopback-only network namespace, and print a summary line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const run = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;
const step = (name: string, command: string, args: string[]) => {
  console.log(`\n== ${name}`);
  if (run(command, args) !== 0) {
    console.log(`0 passed, 1 failed (${name})`);
    process.exit(1);
  }
};

step('type check (pages, Node, tests: each with its own globals)', 'npm', ['run', '--silent', 'typecheck']);
step('lint', 'npx', ['eslint', '.']);
step('format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
step('build renderer', 'npx', ['vite', 'build', '--logLevel', 'warn']);
// The Electron layer cannot run here (no binary), but it must compile, bundle and resolve.
step('build electron', 'npm', ['run', '--silent', 'build:electron']);
step('bundle preloads', 'npm', ['run', '--silent', 'build:preload']);
step('verify electron build', 'npm', ['run', '--silent', 'build:verify']);
// Electron configuration scan (offline); our own tests for what it cannot see run with the unit tests.
step('security scan (electronegativity, severity high)', 'node', ['scripts/security-scan.ts']);

mkdirSync('test-results', { recursive: true });
const extraArgs = process.argv.slice(2);

/**
 * Unit tests first, on both cores (they share nothing); then the integration and end-to-end files one at a time
 * (real Kamailio, rtpengine, baresip and Chromium, and audio that needs the CPU), inside a loopback-only network
 * namespace. Together, vitest would run every file on one worker: the unit files took 108 s that way.
 */
const lanes = [
  {
    name: 'unit tests (both cores)',
    report: 'test-results/vitest-unit.json',
    args: ['--project', 'unit', '--maxWorkers', '2'],
  },
  {
    name: 'integration and end-to-end tests (loopback-only network namespace, one file at a time)',
    report: 'test-results/vitest.json',
    args: ['--project', 'integration'],
  },
];

type Summary = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
const totals = { passed: 0, failed: 0, skipped: 0 };
let status = 0;
for (const lane of lanes) {
  console.log(`\n== ${lane.name}`);
  rmSync(lane.report, { force: true });
  const laneStatus = run('node', [
    'scripts/in-netns.ts',
    'npx',
    'vitest',
    'run',
    ...lane.args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${lane.report}`,
    // Files named on the command line are usually in one lane only.
    ...(extraArgs.length > 0 ? ['--passWithNoTests'] : []),
    ...extraArgs,
  ]);
  try {
    const summary = JSON.parse(readFileSync(lane.report, 'utf8')) as Summary;
    totals.passed += summary.numPassedTests;
    totals.failed += summary.numFailedTests;
    totals.skipped += summary.numPendingTests + summary.numTodoTests;
  } catch {
    // No report: the lane broke, unless files named on the command line left it nothing to run.
    if (laneStatus !== 0 || extraArgs.length === 0) totals.failed += 1;
  }
  if (laneStatus !== 0) status = laneStatus;
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(status);
