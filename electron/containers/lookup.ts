/**
 * FORMAT.md's lookup rules: which attachment of an IPM.MessageManager message holds a POP3
 * account's history. In Outlook's order: PidTagAttachLongFilename, PidTagAttachFilename, then
 * PidTagDisplayName equal to `BlobPOP<smtp address>`; lastly PidTagAttachFilename equal to
 * `Blob%.8x` of the account's mini UID (which lives in the profile, so the address is unknown).
 */

export type LookupRule = 'long-filename' | 'filename' | 'display-name' | 'mini-uid';

/** How each rule is named in output, with the property it reads. */
export const RULE_LABELS: Record<LookupRule, string> = {
  'long-filename': 'PidTagAttachLongFilename (0x3707) = BlobPOP<address>',
  filename: 'PidTagAttachFilename (0x3704) = BlobPOP<address>',
  'display-name': 'PidTagDisplayName (0x3001) = BlobPOP<address>',
  'mini-uid': 'PidTagAttachFilename (0x3704) = Blob%.8x of the mini UID',
};

export interface AttachmentNames {
  readonly longFilename: string | null;
  readonly filename: string | null;
  readonly displayName: string | null;
}

export interface LookupMatch {
  readonly rule: LookupRule;
  /** The SMTP address after `BlobPOP`, or null for the mini-UID rule. */
  readonly account: string | null;
  /** The 8 hex digits of `Blob%.8x` (mini-UID rule only). */
  readonly miniUid: string | null;
}

const BLOB_POP = 'BlobPOP';
const MINI_UID = /^Blob([0-9a-f]{8})$/;

function account(name: string | null): string | null {
  return name !== null && name.startsWith(BLOB_POP) && name.length > BLOB_POP.length
    ? name.slice(BLOB_POP.length)
    : null;
}

/** The first rule, in Outlook's order, that names this attachment a POP3 history; or null. */
export function matchHistoryName(names: AttachmentNames): LookupMatch | null {
  const candidates: [LookupRule, string | null][] = [
    ['long-filename', names.longFilename],
    ['filename', names.filename],
    ['display-name', names.displayName],
  ];
  for (const [rule, name] of candidates) {
    const address = account(name);
    if (address !== null) return { rule, account: address, miniUid: null };
  }
  // Outlook writes %.8x, lower case.
  const mini = names.filename === null ? null : MINI_UID.exec(names.filename);
  if (mini) return { rule: 'mini-uid', account: null, miniUid: mini[1]! };
  return null;
}

/**
 * The attachment holding `account`'s history, applying the rules in order across all
 * attachments (a long-filename match anywhere wins over a filename match, and so on).
 * `account` may also be `Blob%.8x` or its 8 hex digits, for the mini-UID rule.
 */
export function findAccount<T extends AttachmentNames>(
  attachments: readonly T[],
  wanted: string,
): T | null {
  const address = wanted.toLowerCase();
  const fields: ((names: AttachmentNames) => string | null)[] = [
    (n) => n.longFilename,
    (n) => n.filename,
    (n) => n.displayName,
  ];
  for (const field of fields) {
    const found = attachments.find((a) => account(field(a))?.toLowerCase() === address);
    if (found) return found;
  }
  const mini = /^(?:blob)?([0-9a-f]{8})$/i.exec(wanted)?.[1]?.toLowerCase();
  if (mini === undefined) return null;
  return attachments.find((a) => a.filename !== null && a.filename === `Blob${mini}`) ?? null;
}

/**
 * The `Restags…` attachment Outlook keeps beside each account's history (FORMAT.md, "What
 * Outlook really writes"): `RestagsPOP<address>` in the same three properties, in the same
 * order, or `Restags%.8x` with the account's mini UID in PidTagAttachFilename. Its purpose is
 * undocumented; it is the history's companion, never a history.
 */
export function matchCompanionName(names: AttachmentNames): LookupMatch | null {
  const candidates: [LookupRule, string | null][] = [
    ['long-filename', names.longFilename],
    ['filename', names.filename],
    ['display-name', names.displayName],
  ];
  for (const [rule, name] of candidates) {
    if (name !== null && name.startsWith(RESTAGS_POP) && name.length > RESTAGS_POP.length) {
      return { rule, account: name.slice(RESTAGS_POP.length), miniUid: null };
    }
  }
  const mini = names.filename === null ? null : RESTAGS_MINI_UID.exec(names.filename);
  if (mini) return { rule: 'mini-uid', account: null, miniUid: mini[1]! };
  return null;
}

const RESTAGS_POP = 'RestagsPOP';
const RESTAGS_MINI_UID = /^Restags([0-9a-f]{8})$/;
const FILENAME_HEX = /^(?:Blob|Restags)([0-9a-f]{8})$/;

/** The `%.8x` of a `Blob%.8x` or `Restags%.8x` filename, whichever rule named the attachment. */
export function filenameMiniUid(filename: string | null): string | null {
  return filename === null ? null : (FILENAME_HEX.exec(filename)?.[1] ?? null);
}

export interface MiniUidCheck {
  readonly filename: string | null;
  readonly additionalInfo: string | null;
  readonly matches: boolean | null;
}

/**
 * PR_ATTACH_ADDITIONAL_INFO (0x370F) against the filename's `%.8x`: Outlook stores the mini
 * UID's 4 bytes little-endian there, so `45a98eda` is the value 0xda8ea945 of `Blobda8ea945`.
 * Null when the attachment has neither.
 */
export function checkMiniUid(
  filename: string | null,
  additionalInfo: Uint8Array | null,
): MiniUidCheck | null {
  const fromName = filenameMiniUid(filename);
  const info = additionalInfo && additionalInfo.length > 0 ? hexLower(additionalInfo) : null;
  if (fromName === null && info === null) return null;
  const matches =
    fromName === null || additionalInfo === null || info === null
      ? null
      : additionalInfo.length === 4 && hexLower(additionalInfo.slice().reverse()) === fromName;
  return { filename: fromName, additionalInfo: info, matches };
}

function hexLower(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}
