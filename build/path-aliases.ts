/**
 * The renderer's one path alias, for Vite and Vitest alike: `@shared/x` is `shared/x`. The
 * renderer's tsconfig.json maps the same prefix for the type checker. Node code (electron/,
 * shared/ itself) imports shared/ by relative paths, which Node resolves without a bundler.
 */
import { fileURLToPath } from 'node:url';

export const pathAliases = [
  { find: /^@shared\//, replacement: fileURLToPath(new URL('../shared/', import.meta.url)) },
];
