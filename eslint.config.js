// One lint config; the folder rules keep the engine pure and the UI away from engine functions.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const outsideEngine = [
  '**/worker/**',
  '**/state/**',
  '**/ui/**',
  '**/cli/**',
  'react',
  'react-dom',
  'zustand',
  '@xyflow/react',
  'monaco-editor',
  'monaco-editor/*',
  'node:*',
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'public/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: outsideEngine,
              message: 'src/engine is pure: it imports nothing outside src/engine (see DESIGN.md).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'self',
        'postMessage',
        'process',
        'console',
      ],
    },
  },
  {
    files: ['src/ui/**', 'src/state/**', 'src/lessons/**', 'src/scenarios/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)engine/(?!model)',
              message:
                'The UI and the store never call the engine: they talk to the worker (src/worker/engineClient). Only engine types (engine/model) may be imported.',
              allowTypeImports: true,
            },
            { group: ['**/cli/**'], message: 'The CLI is not part of the app.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
