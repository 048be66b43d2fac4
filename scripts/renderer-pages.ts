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
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
      return sources.map((source) => resolve(dirname(map), source));
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

let ensured: Promise<void> | undefined;

/** Builds the renderer pages unless dist/renderer is current; once per process. */
export function ensureRendererPages(): Promise<void> {
  ensured ??= (async () => {
    const why = rendererPagesStale();
    if (!why) return;
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
