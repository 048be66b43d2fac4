/**
 * The renderer pages the browser host serves (dist/renderer: the UI and the engine window), built
 * when they are missing or older than what went into them. Without them the host answers 404 and
 * no app starts, so everything that starts a browser host outside `npm test` (e2e tests through
 * test/support/app-driver.ts, the benchmarks) calls `ensureRendererPages()` first: a fresh checkout
 * needs no separate `vite build`, and a stale build is never measured or tested.
 *
 * "What went into them": every source file the build's source maps list (our code and the packages
 * bundled from node_modules), anything else under src/ (styles, HTML entries, new files) and
 * vite.config.ts. A build is current when none of these is newer than its oldest output file.
 *
 * From the shell: node scripts/renderer-pages.ts  (builds if needed and says why).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const RENDERER_DIR = join(ROOT, 'dist/renderer');
const ENTRIES = ['ui/index.html', 'engine/index.html'];

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * The file a source map's entry names: without the import's query (`./transfer-prompt.wav?inline` is the file
 * transfer-prompt.wav), which no file has in its name; else the build always looked stale.
 */
export function sourceFileOf(mapFile: string, source: string): string {
  return resolve(dirname(mapFile), source.replace(/\?[^/]*$/, ''));
}

const mtime = (path: string): number | null => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
};

/** Why the pages need building, or null when the build in dist/renderer is current. */
export function rendererPagesStale(): string | null {
  const missing = ENTRIES.find((entry) => !existsSync(join(RENDERER_DIR, entry)));
  if (missing) return `dist/renderer/${missing} is missing`;
  const outputs = filesUnder(RENDERER_DIR);
  const builtAt = Math.min(...outputs.map((file) => mtime(file) ?? 0));
  const fromMaps = outputs
    .filter((file) => file.endsWith('.js.map'))
    .flatMap((map) => {
      const { sources = [] } = JSON.parse(readFileSync(map, 'utf8')) as { sources?: string[] };
      return sources.map((source) => sourceFileOf(map, source));
    });
  const sourceFiles = filesUnder(join(ROOT, 'src')).filter((file) => !/\.test\.tsx?$/.test(file));
  for (const input of new Set([...fromMaps, ...sourceFiles, join(ROOT, 'vite.config.ts')])) {
    const changed = mtime(input);
    if (changed === null) return `${relative(ROOT, input)} is gone`;
    if (changed > builtAt) return `${relative(ROOT, input)} changed after the last build`;
  }
  return null;
}

/** Runs `vite build`; its output is shown only when it fails. */
function buildRendererPages(): Promise<void> {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`vite build failed (exit ${code}):\n${output}`)),
    );
  });
}

const LOCK = join(ROOT, 'dist', '.renderer-pages.lock');
const LOCKED_ENV = 'SWITCHBOARD_RENDERER_PAGES_LOCKED';

/**
 * Builds (if still needed) under a lock across processes: test files running two at a time may both find the
 * pages stale, and a build empties dist/renderer under the other's running app. The process that waited finds
 * the pages current. flock(1) is util-linux's (where the tests run); without it, the build goes ahead unlocked.
 */
function buildUnderLock(): Promise<void> {
  if (spawnSync('flock', ['--version']).status !== 0) {
    console.log('[renderer pages] building (no flock here: unlocked)');
    return buildRendererPages();
  }
  mkdirSync(dirname(LOCK), { recursive: true });
  return new Promise((done, fail) => {
    const child = spawn('flock', [LOCK, process.execPath, import.meta.filename], {
      cwd: ROOT,
      env: { ...process.env, [LOCKED_ENV]: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    // The locked process says whether it built (or found the pages built meanwhile).
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`renderer pages: build failed:\n${output}`));
      process.stdout.write(output);
      done();
    });
  });
}

let ensured: Promise<void> | undefined;

/** Builds the renderer pages unless dist/renderer is current; once per process. */
export function ensureRendererPages(): Promise<void> {
  ensured ??= (async () => {
    const why = rendererPagesStale();
    if (!why) return;
    if (process.env[LOCKED_ENV] !== '1') return buildUnderLock();
    const started = Date.now();
    console.log(`[renderer pages] building: ${why}`);
    await buildRendererPages();
    console.log(`[renderer pages] built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  })();
  return ensured;
}

if (import.meta.main) {
  await ensureRendererPages();
  console.log('[renderer pages] current');
}
