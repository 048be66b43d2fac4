/**
 * Checks the Electron build (`npm run build`) without an Electron binary: every emitted file parses, every
 * relative import resolves to an emitted file, every package import is a production dependency (electron-builder
 * packs only those), the preloads are self-contained, the paths main computes at run time exist, and the emitted
 * services really run under Node (they open their stores in a temporary directory). main.js itself is not run:
 * outside Electron, `electron` resolves to the package's download helper, not the API.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { init as lexerReady, parse as parseModule } from 'es-module-lexer';
import type { openAppServices as OpenAppServices } from '../electron/services/app/open-services.ts';
import type { NodeSecretBox as NodeSecretBoxClass } from '../electron/services/credentials/index.ts';
import type { openDiagnostics as OpenDiagnostics } from '../electron/services/diagnostics/open-diagnostics.ts';
import type { directoryExportTarget as DirectoryExportTarget } from '../electron/services/call-log/export.ts';
import type { DirectoryStore as DirectoryStoreClass } from '../electron/services/directory/directory-store.ts';
import type { createDirectoryWriter as CreateDirectoryWriter } from '../electron/services/directory/directory-writer.ts';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist-electron');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  version: string;
  dependencies: Record<string, string>;
};

const problems: string[] = [];
const problem = (message: string) => problems.push(message);

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (/\.c?js$/.test(entry.name)) yield path;
  }
}

const packageName = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier);

if (!existsSync(OUT)) {
  console.error('verify-electron-build: dist-electron/ is missing; run npm run build');
  process.exit(1);
}

const files = [...filesUnder(OUT)];
await lexerReady;
for (const file of files) {
  const name = relative(ROOT, file);
  const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
  if (check.status !== 0) problem(`${name} does not parse: ${check.stderr.trim()}`);

  const source = readFileSync(file, 'utf8');
  if (file.endsWith('.cjs')) {
    // A sandboxed preload gets a require() that knows `electron` and a few built-ins, nothing local.
    const required = [...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
    for (const specifier of required) if (specifier !== 'electron') problem(`${name} requires ${specifier}`);
    if (/^\s*(import|export)\s/m.test(source)) problem(`${name} has ESM syntax; a preload must be CommonJS`);
    continue;
  }
  // A lexer, not a regular expression: code such as params.set('from', …) once read as an import of "…".
  const specifiers = parseModule(source)[0].flatMap((entry) => (entry.n === undefined ? [] : [entry.n]));
  for (const specifier of specifiers) {
    if (specifier.startsWith('.')) {
      if (!/\.((c|m)?js|json)$/.test(specifier)) problem(`${name} imports ${specifier} without a .js extension`);
      else if (!existsSync(resolve(dirname(file), specifier))) problem(`${name} imports missing ${specifier}`);
    } else if (specifier === 'electron') {
      if (!name.startsWith('dist-electron/electron/main/')) problem(`${name} imports electron outside main`);
    } else if (!isBuiltin(specifier) && !(packageName(specifier) in pkg.dependencies)) {
      problem(`${name} imports ${specifier}, which is not in package.json "dependencies" and will not be packaged`);
    }
  }
}

// The paths windows.ts, own-pages.ts and tray.ts compute from dist-electron/electron/main at run time.
const mainDir = join(ROOT, dirname(pkg.main));
const expected = [
  pkg.main,
  relative(ROOT, resolve(mainDir, '../preload/ui.cjs')),
  relative(ROOT, resolve(mainDir, '../preload/engine.cjs')),
  relative(ROOT, resolve(mainDir, '../../../dist/renderer/ui/index.html')),
  relative(ROOT, resolve(mainDir, '../../../dist/renderer/engine/index.html')),
  relative(ROOT, resolve(mainDir, '../../../assets/tray-icon.png')),
  relative(ROOT, resolve(mainDir, '../../../assets/tray-iconTemplate.png')),
];
for (const path of expected) if (!existsSync(join(ROOT, path))) problem(`${path} is missing`);

// The emitted services under plain Node: the ESM graph links, zod and better-sqlite3 load, the stores open.
const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-verify-'));
try {
  const url = (path: string) => pathToFileURL(join(OUT, path)).href;
  const { openAppServices } = (await import(url('electron/services/app/open-services.js'))) as {
    openAppServices: typeof OpenAppServices;
  };
  const { NodeSecretBox } = (await import(url('electron/services/credentials/index.js'))) as {
    NodeSecretBox: typeof NodeSecretBoxClass;
  };
  await import(url('src/shared/ipc/contract.js'));
  const reports: string[] = [];
  const services = openAppServices(dataDir, new NodeSecretBox(join(dataDir, 'key')), {
    report: (m) => reports.push(m),
  });
  services.callLog.list({ limit: 1 });
  // The history's reader thread: found beside the emitted reader and answering there.
  await services.callLogPort.list({ limit: 1, search: 'verify' });
  services.close();

  // The directory sync's worker thread: its file is found beside the emitted writer and runs there.
  const { DirectoryStore } = (await import(url('electron/services/directory/directory-store.js'))) as {
    DirectoryStore: typeof DirectoryStoreClass;
  };
  const { createDirectoryWriter } = (await import(url('electron/services/directory/directory-writer.js'))) as {
    createDirectoryWriter: typeof CreateDirectoryWriter;
  };
  const directory = DirectoryStore.open(join(dataDir, 'directory-verify.sqlite'));
  const writer = createDirectoryWriter(directory);
  await writer.useSource('http://verify.invalid', 1);
  await writer.applyPage(
    {
      version: 1,
      next: 1,
      more: false,
      departments: [],
      people: [
        {
          id: 1,
          departmentId: null,
          name: '张三',
          extension: '8001',
          mobile: '+8613800138000',
          email: null,
          callPermission: 'internal',
          hasAvatar: false,
          version: 1,
        },
      ],
      deleted: [],
    },
    Date.now(),
  );
  await writer.settle(true);
  if (directory.search('zs')[0]?.person.extension !== '8001') problem('the directory writer worker wrote nothing');
  directory.close();
  if (reports.length > 0) problem(`services reported problems on a fresh directory: ${reports.join('; ')}`);

  // The log files and the diagnostics zip: pino, rotating-file-stream and yazl load and write in-process.
  const { openDiagnostics } = (await import(url('electron/services/diagnostics/open-diagnostics.js'))) as {
    openDiagnostics: typeof OpenDiagnostics;
  };
  const { directoryExportTarget } = (await import(url('electron/services/call-log/export.js'))) as {
    directoryExportTarget: typeof DirectoryExportTarget;
  };
  const diagnostics = openDiagnostics({ dataDir });
  diagnostics.logger.info('verify', { password: 'verify-secret' });
  diagnostics.engineLog({ level: 'info', message: 'verify engine', fields: {} });
  const exported = await diagnostics.exportTo(directoryExportTarget(join(dataDir, 'out')), {
    appVersion: pkg.version,
    settings: {},
    desktopSettings: {},
  });
  await diagnostics.close();
  const mainLog = readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8');
  if (exported.outcome !== 'saved' || !existsSync(exported.path))
    problem(`diagnostics export: ${JSON.stringify(exported)}`);
  if (!mainLog.includes('"msg":"verify"') || mainLog.includes('verify-secret')) problem(`main.log: ${mainLog}`);
  if (!readFileSync(join(dataDir, 'logs', 'engine.log'), 'utf8').includes('verify engine')) problem('engine.log empty');
} catch (error) {
  problem(`emitted services failed under Node: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`verify-electron-build: ${problems.length} problem(s)\n - ${problems.join('\n - ')}`);
  process.exit(1);
}
console.log(
  `verify-electron-build: ${files.length} files parse, imports resolve, services run under Node, logs and diagnostics write`,
);
