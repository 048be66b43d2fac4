// Lint rules that keep the architecture honest: imports flow main → services → shared, never back.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noElectron = {
  name: 'electron',
  message: 'Services, the engine and the UI must not import Electron: only electron/main and electron/preload may.',
};

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-electron', 'test-results', 'demo-output', 'release'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['electron/services/**', 'electron/host/**', 'src/**', 'switchboard/**', 'test/**', 'bench/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'jssip', message: 'No SIP in the UI: it renders state and sends intents.' }],
          patterns: [
            { group: ['**/engine/**', '**/electron/**'], message: 'The UI reaches the app only through src/bridge.' },
          ],
        },
      ],
    },
  },
);
