/** Small builders for test BLOBs: bytes from text, with header. */
export function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

export function hexBytes(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  return Uint8Array.from(clean.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** A BLOB: version, count and the given raw tags (each written as given, NULs included). */
export function blob(count: number, ...tags: (string | Uint8Array)[]): Uint8Array {
  const parts = [
    Uint8Array.of(3, 0, count & 0xff, count >> 8),
    ...tags.map((t) => (typeof t === 'string' ? latin1(t) : t)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The worked example of FORMAT.md: one tag, body retrieved 2012-09-06 13:11:38. */
export const WORKED_EXAMPLE_TAG = hexBytes(`
2B 62 32 30 31 32 30 39 30 36 31 33 31 31 33 38 30 42 43 35 33 35 44 42 24 32 64 45 41 36
33 24 32 64 31 31 45 31 24 32 64 41 37 35 43 24 32 64 30 30 32 31 35 41 44 37 42 42 37 34 00`);
export const WORKED_EXAMPLE = blob(1, WORKED_EXAMPLE_TAG);
