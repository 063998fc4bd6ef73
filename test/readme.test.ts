/** The README is documentation users rely on: keep its tables in step with the code. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CATALOGUE, DIAGNOSTIC_CODES } from '../shared/codec/diagnostics.js';
import { MAX_LISTING_TEXT_LINES } from '../shared/listing/parse-listing.js';
import {
  DEFAULT_TIMEOUT_MS,
  MAX_LINE_BYTES,
  POP3_LIMITS,
} from '../electron/network/pop3-client.js';
import { MAX_REMEMBERED_PICKS } from '../electron/main/ipc-handlers.js';

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

  it('states the limits the code enforces', () => {
    const table = readme.slice(readme.indexOf('## Limits'), readme.indexOf('## Performance'));
    const n = (value: number) => value.toLocaleString('en-US');
    for (const cell of [
      `| ${DEFAULT_TIMEOUT_MS / 1000} s |`,
      `| ${POP3_LIMITS.deadlineMs / 1000} s |`,
      `| ${n(MAX_LINE_BYTES)} bytes |`,
      `| ${POP3_LIMITS.capaLines} lines, ${POP3_LIMITS.capaBytes / 1024} KiB |`,
      `| ${n(POP3_LIMITS.listingLines)} lines, ${n(POP3_LIMITS.listingBytes)} bytes `,
      `| ${n(MAX_LISTING_TEXT_LINES)} lines `,
      `| ${MAX_REMEMBERED_PICKS} (`,
    ]) {
      expect(table).toContain(cell);
    }
  });

  it('shows the set-up and test commands', () => {
    expect(readme).toContain('npm install');
    expect(readme).toContain('npm test');
  });
});
