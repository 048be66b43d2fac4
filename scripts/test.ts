/**
 * The whole test suite: type check and lint, build the renderer pages, then run
 * every test (unit, integration against the real switchboard, end-to-end in
 * Chromium) inside a loopback-only network namespace, and print a summary line.
 */
import { spawn, spawnSync } from 'node:child_process';
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
 * Unit tests on both cores, and beside them the end-to-end files that draw the preview harness in Chromium
 * (vitest.config.ts's `preview` project: no switchboard, no audio, waiting on Chromium half the time); then the
 * integration and end-to-end files that do not listen to audio, two at a time (real Kamailio, rtpengine, baresip and
 * Chromium, each file with its own on free ports); then those that do, one at a time, since correlating voices needs
 * the CPU (test/support/test-lanes.ts says which). All inside a loopback-only network namespace. Together, vitest
 * would run every file on one worker: the unit files alone took 108 s that way.
 */
type Lane = { name: string; report: string; args: string[] };
const unit: Lane = {
  name: 'unit tests (both cores)',
  report: 'test-results/vitest-unit.json',
  args: ['--project', 'unit', '--maxWorkers', '2'],
};
const preview: Lane = {
  name: 'end-to-end tests of the preview screens (beside the unit tests)',
  report: 'test-results/vitest-preview.json',
  args: ['--project', 'preview'],
};
const integration: Lane = {
  name: 'integration and end-to-end tests without audio checks (two files at a time)',
  report: 'test-results/vitest.json',
  // With files named on the command line, the preview's too (they are few).
  args: ['--project', 'integration', '--maxWorkers', '2', ...(extraArgs.length > 0 ? ['--project', 'preview'] : [])],
};
const audio: Lane = {
  name: 'integration and end-to-end tests with audio checks (one file at a time)',
  report: 'test-results/vitest-audio.json',
  args: ['--project', 'audio'],
};
// Files named on the command line: each lane runs those of them it has.
const stages: Lane[][] =
  extraArgs.length > 0 ? [[unit], [integration], [audio]] : [[unit, preview], [integration], [audio]];

type Summary = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
const totals = { passed: 0, failed: 0, skipped: 0 };
let status = 0;

/** Runs a lane; a lane beside another keeps its output until it ends, so the two do not interleave. */
function runLane(lane: Lane, beside: boolean): Promise<number> {
  rmSync(lane.report, { force: true });
  const args = [
    'scripts/in-netns.ts',
    'npx',
    'vitest',
    'run',
    ...lane.args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${lane.report}`,
    ...(extraArgs.length > 0 ? ['--passWithNoTests'] : []),
    ...extraArgs,
  ];
  console.log(`\n== ${lane.name}${beside ? ' (its output follows when it ends)' : ''}`);
  const child = spawn('node', args, { stdio: beside ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  const kept: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => kept.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => kept.push(chunk));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      if (beside) console.log(`\n== ${lane.name}: output\n${Buffer.concat(kept).toString()}`);
      resolve(code ?? 1);
    }),
  );
}

for (const stage of stages) {
  const codes = await Promise.all(stage.map((lane, index) => runLane(lane, index > 0)));
  stage.forEach((lane, index) => {
    const laneStatus = codes[index]!;
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
  });
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(status);
