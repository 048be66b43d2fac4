// Lint rules that keep the architecture honest. The layers and who may import whom:
//
//   src/shared      contracts and pure rules used everywhere: imports no other layer of ours
//   lib/            generic helpers with no domain (the SQLite migration runner): imports no other layer
//   src/engine      the engine page (JsSIP, media): shared and the bridge only
//   src/ui          the UI pages (React): shared and the bridge only; it reaches the app through src/bridge
//   src/bridge      the pages' side of IPC: shared only
//   electron/services  plain-Node services: shared, lib and each other; never main, preload, host or the pages
//   electron/main   Electron glue over the services; electron/host the browser host over the same services
//   electron/preload   the sandboxed preloads: shared only
//   switchboard/    the reference switchboard stands alone: lib only (never electron/ or src/)
//   migrations      frozen schema steps: import nothing of the domain, and the domain nothing of them
//
// Tests, benchmarks and scripts may reach across layers: they wire real parts together.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import i18next from 'eslint-plugin-i18next';

const noElectron = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import Electron: services, host and pages run without it.',
};

const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/test-support/**', 'electron/services/app/test-doubles.ts'];
const PAGES = ['./src/ui', './src/engine', './src/bridge'];
const MIGRATIONS = [
  './electron/services/call-log/migrations',
  './electron/services/directory/migrations',
  './switchboard/provisioning/migrations',
];

/** `target` may import none of `from` (paths from the repository root). */
const zone = (target, from, message) => ({ target, from, message });

const layerZones = [
  zone('./src/shared', [...PAGES, './electron', './switchboard', './lib'], 'src/shared imports no other layer.'),
  zone('./lib', ['./src', './electron', './switchboard'], 'lib/ is generic: it imports no layer of ours.'),
  zone(
    './src/engine',
    ['./src/ui', './electron', './switchboard'],
    'The engine page imports shared and the bridge only.',
  ),
  zone('./src/ui', ['./src/engine', './electron', './switchboard'], 'The UI reaches the app only through src/bridge.'),
  zone('./src/bridge', ['./src/ui', './src/engine', './electron', './switchboard'], 'The bridge imports shared only.'),
  zone(
    './electron/services',
    ['./electron/main', './electron/preload', './electron/host', ...PAGES, './switchboard'],
    'Services know nothing of Electron main, the preloads, the browser host or the pages.',
  ),
  zone(
    './electron/main',
    ['./electron/host', './electron/preload', ...PAGES, './switchboard'],
    'main: services and shared.',
  ),
  zone(
    './electron/host',
    ['./electron/main', './electron/preload', ...PAGES, './switchboard'],
    'host: services and shared.',
  ),
  zone(
    './electron/preload',
    ['./electron/main', './electron/services', './electron/host', ...PAGES, './switchboard'],
    'A sandboxed preload bundles shared code only.',
  ),
  zone('./switchboard', ['./electron', './src'], 'The reference switchboard stands alone: lib/ only.'),
  // Migrations spell their SQL and values out; the domain never takes its words from a frozen step.
  ...MIGRATIONS.flatMap((dir) => {
    const message = 'Migrations import nothing of the domain (lib/sqlite and their own folder only).';
    const own = ['./src', './electron', './switchboard'].find((root) => dir.startsWith(`${root}/`));
    const others = ['./src', './electron', './switchboard'].filter((root) => root !== own);
    return [
      zone(dir, others, message),
      { target: dir, from: own, except: [`./${dir.slice(own.length + 1)}`], message },
    ];
  }),
];

/** Outside its migrations folder, a store imports the list (index.ts), never a single frozen step. */
const onlyTheMigrationsList = MIGRATIONS.map((dir) => ({
  target: './',
  from: dir,
  except: ['./index.ts'],
  message: 'Import the migrations list (migrations/index.ts): a domain value never comes from a frozen step.',
}));

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-electron', 'test-results', 'demo-output', 'release'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // A promise nobody awaits loses its error: in main that is an unhandled rejection, in a page a silent failure.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['electron/services/**', 'electron/host/**', 'src/**', 'switchboard/**', 'lib/**', 'test/**', 'bench/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron, { name: 'jssip', message: 'No SIP in the UI: it renders state and sends intents.' }] },
      ],
    },
  },
  {
    // What a person reads or a screen reader says comes from the translation files (t()), never a literal:
    // JSX text, and the attributes that are words (label, title, placeholder, alt, aria-*). Class names,
    // test ids, roles and other attributes are code. The preview harness stages fake data, not UI words.
    files: ['src/ui/**/*.tsx'],
    ignores: [...TESTS, 'src/ui/preview/**'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: ['title', 'placeholder', 'alt', 'label', 'aria-label', 'aria-description', 'aria-valuetext'],
            exclude: ['.*'],
          },
          // A style object's values are CSS; a label or title in an object is words.
          'object-properties': { include: ['label', 'title', 'placeholder', 'message'], exclude: ['.*'] },
          words: {
            exclude: [
              '[0-9!-/:-@[-`{-~]+', // digits and ASCII punctuation
              /^[\p{S}\p{P}\s]+$/u, // symbols such as ▾ ✓ …
              '[a-z0-9]+(?:-[a-z0-9]+)+', // kebab-case: test ids and class names, never words
            ],
          },
          message: 'Words the user sees come from the translation files: t("…"), with the key in all four locales',
        },
      ],
    },
  },
  {
    files: ['electron/**', 'src/**', 'switchboard/**', 'lib/**'],
    ignores: TESTS,
    plugins: { 'import-x': importX },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...onlyTheMigrationsList] }] },
  },
  {
    // The migrations themselves may import their siblings (index.ts lists them).
    files: MIGRATIONS.map((dir) => `${dir.slice(2)}/**`),
    ignores: TESTS,
    plugins: { 'import-x': importX },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones }] },
  },
);
