// Lint rules, including the import lines of DESIGN.md: who may import electron, onnxruntime-node and Node built-ins.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const forbid = (names, message) => names.map((name) => ({ name, message }));
const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'net',
  'crypto',
  'url',
  'util',
  'stream',
  'worker_threads',
];
const noNode = {
  patterns: [{ group: ['node:*'], message: 'This part runs without Node: talk to main through the contract.' }],
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'models/**/.work/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...forbid(['electron'], 'Only main/app and main/preload may import electron.'),
            ...forbid(['onnxruntime-node'], 'Only main/inference may import onnxruntime-node.'),
          ],
        },
      ],
    },
  },
  {
    files: ['main/app/**', 'main/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: forbid(['onnxruntime-node'], 'Only main/inference may import onnxruntime-node.') },
      ],
    },
  },
  {
    files: ['main/inference/**', 'models/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: forbid(['electron'], 'Only main/app and main/preload may import electron.') },
      ],
    },
  },
  {
    // Tests drive main/app's pure parts with fakes, so they may name Electron's types (never its runtime).
    files: ['tests/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', allowTypeImports: true, message: 'Tests may import only types from electron.' }],
        },
      ],
    },
  },
  {
    files: ['contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...forbid(
              ['electron', 'onnxruntime-node', 'react', ...nodeBuiltins],
              'The contract imports nothing but zod.',
            ),
          ],
          patterns: [
            ...noNode.patterns,
            {
              group: ['../*'],
              message: 'The contract imports nothing outside contract/ but zod (helpers go in common/).',
            },
          ],
        },
      ],
    },
  },
  {
    // Code every process runs (renderer, main, the CLI, the inference host) that is not a contract declaration.
    files: ['common/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...forbid(
              ['electron', 'onnxruntime-node', 'react', ...nodeBuiltins],
              'common/ runs in every process: it imports the contract, zod and itself, nothing else.',
            ),
          ],
          ...noNode,
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: forbid(
            ['electron', 'onnxruntime-node', ...nodeBuiltins],
            'The renderer talks to main only through the contract.',
          ),
          ...noNode,
        },
      ],
    },
  },
);
