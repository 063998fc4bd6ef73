// Runs the compiled CLI and the package entry as a user's Node would, in separate processes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildBlob, CLEAN_TAGS } from '../../fixtures/blobs.js';
import { useScratchFolder } from './helpers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const builtCli = `${root}dist/electron/cli/main.js`;
const builtCodec = `${root}dist/shared/codec.js`;

const scratch = useScratchFolder();

/** Vitest shows no reason for a skip, so the test's name carries it. */
function unlessBuilt(path: string, name: string, howToBuild: string): [boolean, string] {
  const built = existsSync(path);
  return [!built, built ? name : `${name} — SKIPPED: ${path} is absent (${howToBuild})`];
}
const [cliMissing, cliTestName] = unlessBuilt(
  builtCli,
  'runs as `node dist/electron/cli/main.js`',
  'run `npm run build`; `npm test` builds first',
);
const [codecMissing, codecTestName] = unlessBuilt(
  builtCodec,
  'imports from a separate Node process through package.json exports',
  'it is built from shared/codec.ts, which re-exports the codec, exporters and summary',
);

describe('the built CLI', () => {
  it.skipIf(cliMissing)(cliTestName, async () => {
    const file = scratch.path('dup.bin');
    await writeFile(file, buildBlob([CLEAN_TAGS[0]!, CLEAN_TAGS[0]!]));
    const validate = spawnSync(process.execPath, [builtCli, 'validate', file], {
      encoding: 'utf8',
    });
    expect(validate.status).toBe(1);
    expect(validate.stdout).toMatch(/^warning {2}uid\.duplicate /m);

    const missing = spawnSync(process.execPath, [builtCli, 'inspect', scratch.path('none')], {
      encoding: 'utf8',
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(
      /^uidl-studio: cannot read '.*none': no such file or directory\n$/,
    );

    const exported = spawnSync(process.execPath, [builtCli, 'export', '-', '--format', 'json'], {
      input: buildBlob(CLEAN_TAGS),
      encoding: 'utf8',
    });
    expect(exported.status).toBe(0);
    expect((JSON.parse(exported.stdout) as { entries: unknown[] }).entries).toHaveLength(3);
  });
});

describe('the package entry uidl-studio/codec', () => {
  it.skipIf(codecMissing)(codecTestName, () => {
    const script = `
        const codec = await import('uidl-studio/codec');
        const blob = Uint8Array.from(${JSON.stringify([...buildBlob(CLEAN_TAGS)])});
        const document = codec.parse(blob);
        console.log(JSON.stringify({
          entries: document.entries.length,
          roundTrip: Buffer.from(codec.serialize(document)).equals(Buffer.from(blob)),
          exporters: ['toJson', 'toCsv', 'toHexLine', 'toHexDump', 'toBase64', 'summarize']
            .filter((name) => typeof codec[name] === 'function'),
        }));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({
      entries: 3,
      roundTrip: true,
      exporters: ['toJson', 'toCsv', 'toHexLine', 'toHexDump', 'toBase64', 'summarize'],
    });
  });
});
