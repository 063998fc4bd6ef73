/** Byte-class tables for the hot loops: one array read instead of a chain of comparisons. */

function table(test: (char: string) => number, fill = 0): Uint8Array {
  const out = new Uint8Array(256).fill(fill);
  for (let code = 0; code < 256; code++) {
    const value = test(String.fromCharCode(code));
    if (value !== fill) out[code] = value;
  }
  return out;
}

/** 1 for ASCII letters and digits: the UID characters written as themselves. */
export const isAlphanumeric = table((c) => (/^[A-Za-z0-9]$/.test(c) ? 1 : 0));
/** Value of a hex digit, 0xff for anything else. */
export const hexValue = table((c) => (/^[0-9a-fA-F]$/.test(c) ? parseInt(c, 16) : 0xff), 0xff);
/** Value of a lower-case hex digit (the escapes Outlook writes), 0xff for anything else. */
export const lowerHexValue = table((c) => (/^[0-9a-f]$/.test(c) ? parseInt(c, 16) : 0xff), 0xff);
/** 1 for A-F. */
export const isUpperHex = table((c) => (/^[A-F]$/.test(c) ? 1 : 0));
