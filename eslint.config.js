// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/** Node's built-in modules, with and without the `node:` scheme. */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/**
 * Globals that exist only in a browser page or only in Node. shared/ must run in both (the
 * renderer, a worker, the CLI), so it may use neither. Universal ones (TextEncoder, URL,
 * globalThis, console) stay allowed.
 */
const hostOnlyGlobals = [
  ...new Set([...Object.keys(globals.browser), ...Object.keys(globals.node)]),
]
  .filter((name) => !(name in globals.es2021) && !universal(name))
  .map((name) => ({
    name,
    message: 'shared/ is host-neutral: pass host objects in, do not reach for them.',
  }));

/** The `@shared/` alias exists in the renderer's bundler only; Node would not resolve it. */
const nodeSideAlias = "Import shared/ by a relative path here: @shared/ is the renderer's alias.";

/** @param {string} name */
function universal(name) {
  return [
    'console',
    'TextEncoder',
    'TextDecoder',
    'URL',
    'queueMicrotask',
    'structuredClone',
  ].includes(name);
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Layering: shared/ is pure TypeScript, usable by the renderer, the main process and the CLI.
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'shared/ may not import Node modules.',
            })),
            { name: 'electron', message: 'shared/ may not import electron.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'shared/ may not import Node modules.' },
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ may not import electron/ or renderer/.',
            },
            { group: ['@shared/*'], message: nodeSideAlias },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...hostOnlyGlobals],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer talks to its host through the host API contract only.',
            },
          ],
          patterns: [
            { group: ['**/electron/**'], message: 'renderer/ may not import electron/.' },
            { group: ['node:*'], message: 'renderer/ runs in a sandboxed page: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**'], message: 'electron/ may not import renderer/.' },
            { group: ['@shared/*'], message: nodeSideAlias },
          ],
        },
      ],
    },
  },
  prettier,
);
