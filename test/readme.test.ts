/** The README is documentation users rely on: keep its tables in step with the code. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CATALOGUE, DIAGNOSTIC_CODES } from '../shared/codec/diagnostics.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const packageJson = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('README', () => {
  it('lists every diagnostic code with its severity', () => {
    for (const code of DIAGNOSTIC_CODES) {
      expect(readme).toContain(`| \`${code}\` | ${DIAGNOSTIC_CATALOGUE[code].severity} |`);
    }
  });

  it('justifies every dependency in its table', () => {
    const table = readme.slice(readme.indexOf('## Dependencies'));
    for (const name of [
      ...Object.keys(packageJson.dependencies),
      ...Object.keys(packageJson.devDependencies),
    ]) {
      expect(table, name).toContain(`\`${name}\``);
    }
  });

  it('shows the set-up and test commands', () => {
    expect(readme).toContain('npm install');
    expect(readme).toContain('npm test');
  });
});
