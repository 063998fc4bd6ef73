/**
 * Recognises the containers a UIDL history is stored in (PST/OST stores, `.msg` Compound
 * Files) by their first bytes, so an input decoder never reads one as a damaged BLOB.
 */

/** "!BDN": the first bytes of every PST and OST ([MS-PST] 2.2.2.6). */
export const PST_MAGIC: readonly number[] = [0x21, 0x42, 0x44, 0x4e];
/** The Compound File Binary signature that begins every `.msg` file ([MS-CFB] 2.2). */
export const CFB_SIGNATURE: readonly number[] = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export type ContainerKind = 'pst' | 'ost' | 'compound-file';

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}

export function hasPstMagic(bytes: Uint8Array): boolean {
  return startsWith(bytes, PST_MAGIC);
}

export function hasCfbSignature(bytes: Uint8Array): boolean {
  return startsWith(bytes, CFB_SIGNATURE);
}

/** The container `bytes` begins, or null; "SO" at offset 8 marks an OST, anything else a PST. */
export function detectContainer(bytes: Uint8Array): ContainerKind | null {
  if (hasPstMagic(bytes)) return bytes[8] === 0x53 && bytes[9] === 0x4f ? 'ost' : 'pst';
  if (hasCfbSignature(bytes)) return 'compound-file';
  return null;
}

const CONTAINER_NAMES: Record<ContainerKind, string> = {
  pst: 'an Outlook data file (PST)',
  ost: 'an Outlook offline data file (OST)',
  'compound-file': 'a Compound File (an Outlook .msg message, most likely)',
};

/**
 * For the user: what the file is, and how to get at the histories inside it. The desktop app
 * scans containers itself, so only the browser edition (and a paste) reaches this message.
 */
export function containerMessage(kind: ContainerKind): string {
  return (
    `This is ${CONTAINER_NAMES[kind]}, not a UIDL history: the history is an attachment ` +
    `inside it. The desktop app searches PST, OST and .msg files for histories and opens ` +
    `them from a chooser. Here, get the history out with the command-line tool: ` +
    `uidl-studio scan FILE lists the histories, and ` +
    `uidl-studio export FILE#account --format bin -o history.bin writes one to a file you ` +
    `can open.`
  );
}

/** Where a user looks for writing a repaired history back into a store. */
export const PST_WRITE_BACK_UNSUPPORTED =
  'Writing back into a PST or OST is not supported: export the repaired BLOB instead ' +
  '(Export, Raw BLOB) and import it with your MAPI tools.';
