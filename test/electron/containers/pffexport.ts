/**
 * Runs Debian's pffexport (libpff, an independent PST reader) and lists the attachment files it
 * wrote for the messages of each folder (not those nested inside embedded messages).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';

export const PFFEXPORT = '/usr/bin/pffexport';

export function requirePffexport(): void {
  if (!existsSync(PFFEXPORT)) {
    throw new Error(
      `${PFFEXPORT} is missing: install Debian's pff-tools (apt-get install -y pff-tools); ` +
        'these tests compare the scanner with it',
    );
  }
}

export interface ExportedAttachment {
  /** Folder path as pffexport writes it, e.g. `Top of Personal Folders/Inbox`. */
  readonly folder: string;
  /** pffexport's 1-based attachment number. */
  readonly number: number;
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
}

async function* walk(folder: string): AsyncGenerator<string> {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

const ATTACHMENT_FILE = /^(.+)\/[A-Za-z]+\d{5}\/Attachments\/(\d+)_([^/]+)$/;

export async function pffexportAttachments(
  store: string,
  target: string,
): Promise<ExportedAttachment[]> {
  requirePffexport();
  await promisify(execFile)(PFFEXPORT, ['-q', '-t', target, store], { timeout: 120_000 });
  const root = `${target}.export`;
  const found: ExportedAttachment[] = [];
  for await (const path of walk(root)) {
    const rel = relative(root, path).split(sep).join('/');
    const match = ATTACHMENT_FILE.exec(rel);
    if (!match || match[1]!.includes('/Attachments/')) continue;
    const bytes = await readFile(path);
    found.push({
      folder: match[1]!,
      number: Number(match[2]),
      name: match[3]!,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
    });
  }
  return found;
}
