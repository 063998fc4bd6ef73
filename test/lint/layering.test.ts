/**
 * The lint configuration enforces the layering: shared/ is host-neutral, the renderer and the
 * Node side never import each other. Each case lints a snippet as if it stood in that folder.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('layering rules', () => {
  it.each([
    ['shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
    ['shared/x.ts', "import fs from 'fs';\nexport const f = fs;\n"],
    ['shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    [
      'shared/codec/x.ts',
      "import { run } from '../../electron/cli/run.js';\nexport const r = run;\n",
    ],
    ['shared/x.ts', "import { x } from '../renderer/x.js';\nexport const y = x;\n"],
    ['renderer/x.ts', "import { run } from '../electron/cli/run.js';\nexport const r = run;\n"],
    ['renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n"],
    ['renderer/x.ts', "import path from 'node:path';\nexport const p = path;\n"],
    ['electron/x.ts', "import { x } from '../renderer/x.js';\nexport const y = x;\n"],
    ['electron/x.ts', "import { parse } from '@shared/codec/parse.js';\nexport const p = parse;\n"],
    ['shared/x.ts', "import { parse } from '@shared/codec/parse.js';\nexport const p = parse;\n"],
    [
      'renderer/src/x.ts',
      "import { run } from '@shared/../electron/cli/run.js';\nexport const r = run;\n",
    ],
  ])('%s may not import what this imports: %s', async (filePath, code) => {
    expect(await ruleIdsFor(filePath, code)).toContain('no-restricted-imports');
  });

  it.each([
    ['document', 'export const d = document.title;\n'],
    ['window', 'export const w = window.location;\n'],
    ['process', 'export const p = process.env;\n'],
    ['Buffer', "export const b = Buffer.from('x');\n"],
    ['atob', "export const a = atob('eA==');\n"],
  ])('shared/ may not use the host global %s', async (_, code) => {
    expect(await ruleIdsFor('shared/x.ts', code)).toContain('no-restricted-globals');
  });

  it('allows what every host has, and imports inside shared/', async () => {
    const code =
      "import { parse } from './codec/parse.js';\nexport const p = parse;\nexport const u = new URL('x:y');\n";
    expect(await ruleIdsFor('shared/x.ts', code)).toEqual([]);
  });

  it('allows the renderer shared/ through its @shared/ alias', async () => {
    const code = "import { parse } from '@shared/codec/parse.js';\nexport const p = parse;\n";
    expect(await ruleIdsFor('renderer/src/x.ts', code)).toEqual([]);
  });

  it('allows the Node side its own modules and shared/', async () => {
    const code =
      "import { readFileSync } from 'node:fs';\nimport { parse } from '../shared/codec/parse.js';\nexport const x = [readFileSync, parse];\n";
    expect(await ruleIdsFor('electron/x.ts', code)).toEqual([]);
  });
});
