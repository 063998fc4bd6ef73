/**
 * Setting up a fresh clone: `npm install` builds the CLI (the `prepare` script), and the Node
 * versions the README states agree with `engines` and with the packaging tools' own demands.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
interface PackageJson {
  engines: { node: string };
  bin: Record<string, string>;
  scripts: Record<string, string>;
}
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** `npm run X` chains expanded to the commands they run. */
function expandScript(name: string): string[] {
  const script = packageJson.scripts[name];
  if (script === undefined) throw new Error(`package.json has no "${name}" script`);
  return script.split('&&').flatMap((part) => {
    const command = part.trim();
    const nested = /^npm run (\S+)$/.exec(command);
    return nested ? expandScript(nested[1]!) : [command];
  });
}

describe('the prepare script', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'uidl-prepare-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('runs only the TypeScript build: no Electron binary, no bundler', () => {
    const commands = expandScript('prepare');
    expect(commands).toEqual(['tsc -p tsconfig.build.json']);
  });

  it('builds the CLI that `bin` names, which then runs', () => {
    const [command] = expandScript('prepare');
    const args = command!.split(/\s+/).slice(1);
    // The same build into a scratch directory, beside a package.json and node_modules so that
    // the CLI resolves its dependencies as it would in the clone.
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), ...args, '--outDir', join(scratch, 'dist')],
      { cwd: root, stdio: 'pipe' },
    );
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ type: 'module' }));
    symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'), 'dir');
    const entry = packageJson.bin['uidl-studio'];
    expect(entry).toBe('dist/electron/cli/main.js');
    const help = execFileSync(process.execPath, [join(scratch, entry!), '--help'], {
      encoding: 'utf8',
    });
    expect(help).toMatch(/^Usage: uidl-studio /m);
    expect(help).toContain('inspect');
  }, 120_000);
});

describe('the supported Node versions', () => {
  const minimum = /^>=(\d+)\.(\d+)\.0$/.exec(packageJson.engines.node);

  it('engines names a minimum the README states', () => {
    expect(minimum, `engines.node is ${packageJson.engines.node}`).not.toBeNull();
    expect(readme).toContain(`Node.js ${minimum![1]}.${minimum![2]} or later`);
  });

  it('the README names what the packaging tools ask for, which is why Node 20 warns', () => {
    for (const tool of ['@electron/rebuild', 'node-abi']) {
      const manifest = JSON.parse(
        readFileSync(join(root, 'node_modules', tool, 'package.json'), 'utf8'),
      ) as { engines?: { node?: string } };
      const wanted = /^>=(\d+)\.(\d+)/.exec(manifest.engines?.node ?? '');
      expect(wanted, `${tool}'s engines`).not.toBeNull();
      expect(readme).toContain(`Node ${wanted![1]}.${wanted![2]}`);
      expect(readme).toContain(`\`${tool}\``);
    }
  });

  it('CI prints the Node it ran', () => {
    const ci = readFileSync(join(root, '.ci/run'), 'utf8');
    expect(ci).toMatch(/^node --version$/m);
  });
});
