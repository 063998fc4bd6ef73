// Encoders that write bytes in each shape exactly as the tools do, for round-trip properties.
// xxd and hexdump -C output was checked against the real tools on random inputs.

import { base64, base64url } from '@scure/base';

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

function hexByte(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/** How dumps show a byte in their text column. */
function shown(byte: number): string {
  return byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : '.';
}

export function continuousHex(bytes: Uint8Array, upperCase: boolean): string {
  const hex = Array.from(bytes, hexByte).join('');
  return upperCase ? hex.toUpperCase() : hex;
}

/** `03 00 01 00 …`, 16 bytes a line. */
export function spacedHex(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    lines.push(Array.from(bytes.subarray(i, i + 16), hexByte).join(' '));
  }
  return lines.join('\n');
}

/** `xxd` with its defaults: 16 bytes a line in groups of two, text column after two spaces. */
export function xxdDump(bytes: Uint8Array): string {
  let out = '';
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const line = bytes.subarray(offset, offset + 16);
    let hex = '';
    line.forEach((byte, i) => {
      hex += hexByte(byte);
      if (i % 2 === 1 && i < 15) hex += ' ';
    });
    const text = Array.from(line, shown).join('');
    out += `${offset.toString(16).padStart(8, '0')}: ${hex.padEnd(39)}  ${text}\n`;
  }
  return out;
}

/** `hexdump -C`: '*' for lines equal to the one above, then a line with the total length. */
export function hexdumpC(bytes: Uint8Array): string {
  let out = '';
  let previous: string | undefined;
  let squeezing = false;
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const line = bytes.subarray(offset, offset + 16);
    const key = Array.from(line, hexByte).join(' ');
    if (line.length === 16 && key === previous) {
      if (!squeezing) out += '*\n';
      squeezing = true;
      continue;
    }
    squeezing = false;
    previous = line.length === 16 ? key : undefined;
    let hex = '';
    for (let i = 0; i < 16; i++) {
      const byte = line[i];
      hex += byte === undefined ? '   ' : `${hexByte(byte)} `;
      if (i === 7) hex += ' ';
    }
    const text = Array.from(line, shown).join('');
    out += `${offset.toString(16).padStart(8, '0')}  ${hex} |${text}|\n`;
  }
  if (bytes.length > 0) out += `${bytes.length.toString(16).padStart(8, '0')}\n`;
  return out;
}

/**
 * A Registry Editor export holding one binary value. regedit wraps after a byte once the line
 * is longer than 76 characters, continuing with `\` and two spaces of indent; files are CRLF.
 */
export function regExport(bytes: Uint8Array, name = 'UIDL'): string {
  const valueLines: string[] = [];
  let line = `"${name}"=hex:`;
  bytes.forEach((byte, i) => {
    const last = i === bytes.length - 1;
    line += last ? hexByte(byte) : `${hexByte(byte)},`;
    if (!last && line.length > 76) {
      valueLines.push(`${line}\\`);
      line = '  ';
    }
  });
  valueLines.push(line);
  return [
    'Windows Registry Editor Version 5.00',
    '',
    '[HKEY_CURRENT_USER\\Software\\UIDL Studio\\Samples]',
    ...valueLines,
    '',
    '',
  ].join('\r\n');
}

/** MFCMAPI's property value text: upper-case hex, `NULL` when empty. */
export function mfcmapiValue(bytes: Uint8Array): string {
  const hex = bytes.length === 0 ? 'NULL' : continuousHex(bytes, true);
  return `cb: ${bytes.length} lpb: ${hex}`;
}

/** Base64, in lines of `lineLength` characters when given (76 is the MIME width). */
export function base64Text(bytes: Uint8Array, lineLength?: number): string {
  const text = base64.encode(bytes);
  return lineLength === undefined ? text : wrap(text, lineLength);
}

export function base64UrlText(bytes: Uint8Array): string {
  return base64url.encode(bytes);
}

function wrap(text: string, lineLength: number): string {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += lineLength) lines.push(text.slice(i, i + lineLength));
  return lines.join('\r\n');
}
