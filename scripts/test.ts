/**
 * The whole test suite: type check and lint, build the renderer pages, then run
 * every test (unit, integration against the real switchboard, end-to-end in
 * Chromium) inside a loopback-only network namespace, and print a summary line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

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

console.log('\n== tests (loopback-only network namespace)');
mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
const status = run('node', [
  'scripts/in-netns.ts',
  'npx',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);

try {
  const summary = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  const skipped = summary.numPendingTests + summary.numTodoTests;
  console.log(`${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${skipped} skipped`);
} catch {
  console.log('0 passed, 1 failed (no test report)');
}
process.exit(status);
