/**
 * The document API: every change is a list of edits applied to a document, giving a new
 * document. Only the edited tags' bytes and the Count change (docs/FORMAT.md, "Decisions": nothing lost);
 * the result is re-parsed, so its spans and diagnostics are exact for the new bytes.
 *
 * Outlook's slack (the Count + 4 bytes after the tags, docs/FORMAT.md "What Outlook really
 * writes") stays where it is, after the last tag, through every edit. An edit that changes
 * Count keeps it in Outlook's shape, Count + 4 bytes, so the saved file reopens with the slack
 * as info and never as stray bytes or uncounted tags: its bytes stay in place, zero bytes are
 * added at its end when Count grew, and bytes are taken from its end when Count shrank. The
 * inverse of such an edit puts the exact trailing bytes back (setTrailing), so undo loses
 * nothing. It is removed only by an explicit dropSlack edit, whose inverse puts it back.
 */
import { concatBytes } from '../bytes.js';
import { HEADER_LENGTH, MAX_TAG_COUNT, parse, UID_OFFSET } from './parse.js';
import { assemble, encodeHeader } from './serialize.js';
import { formatTimestampDigits, parseTimestampText } from './timestamp.js';
import type { Content, Entry, Operation, Timestamp, UidlDocument } from './types.js';
import { encodeUid, validateUid } from './uid.js';
import { formatByteOffset } from '../byte-range.js';

/** The fields of a tag, with the UID decoded; encoding is done for you. */
export interface TagFields {
  readonly op: Operation;
  readonly content: Content;
  /** A Timestamp, 14 digits, or `YYYY-MM-DD hh:mm[:ss]`. */
  readonly timestamp: Timestamp | string;
  /** The decoded UID. */
  readonly uid: string;
}

export type Edit =
  /** Changes some fields of a tag; the others keep their bytes as written. */
  | { readonly kind: 'update'; readonly index: number; readonly fields: Partial<TagFields> }
  /** Replaces a tag's bytes outright (used by undo to restore exactly what was there). */
  | { readonly kind: 'replace'; readonly index: number; readonly bytes: Uint8Array }
  /** Inserts a tag before entry `index` (`entries.length` appends). */
  | { readonly kind: 'insert'; readonly index: number; readonly fields: TagFields }
  | { readonly kind: 'insert'; readonly index: number; readonly bytes: Uint8Array }
  | { readonly kind: 'delete'; readonly index: number }
  /** Sets Count explicitly (otherwise inserts and deletes adjust it by their difference). */
  | { readonly kind: 'setCount'; readonly count: number }
  /** Restores header bytes exactly (used by undo). */
  | { readonly kind: 'setHeader'; readonly bytes: Uint8Array }
  /**
   * Removes Outlook's slack after the last tag (document.slack). Outlook does not need it; it
   * goes only when asked. Inverse: setTrailing with the removed bytes.
   */
  | { readonly kind: 'dropSlack' }
  /**
   * Sets the bytes after the last tag exactly, whatever is there (used by undo: the inverse of
   * dropSlack, and of a Count change that resized the slack).
   */
  | { readonly kind: 'setTrailing'; readonly bytes: Uint8Array };

/** An edit that cannot be applied; the document is unchanged. */
export class EditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditError';
  }
}

const OPERATIONS: readonly string[] = ['+', '-', '&'];
const CONTENTS: readonly string[] = [' ', 'h', 'b'];

function encodeAscii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

function timestampDigits(value: Timestamp | string): string {
  const time = typeof value === 'string' ? parseTimestampText(value) : value;
  if (!time || parseTimestampText(formatTimestampDigits(time)) === null) {
    throw new EditError(
      `time ${typeof value === 'string' ? `'${value}'` : JSON.stringify(value)} is not a real ` +
        `date and time (14 digits yyyyMMddhhmmss or YYYY-MM-DD hh:mm:ss)`,
    );
  }
  return formatTimestampDigits(time);
}

function checkUid(uid: string): string {
  const problems = validateUid(uid).filter((problem) => problem.code !== 'uid.too-long');
  if (problems.length > 0)
    throw new EditError(`cannot write UID '${uid}': ${problems[0]!.message}`);
  return encodeUid(uid);
}

function checkChoice(name: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) {
    throw new EditError(
      `${name} '${value}' is not one of ${allowed.map((a) => `'${a}'`).join(', ')}`,
    );
  }
  return value;
}

/** A new tag, written as Outlook writes it: lower-case escapes, 14 digits, one NUL. */
export function encodeTag(fields: TagFields): Uint8Array {
  return encodeAscii(
    checkChoice('operation', fields.op, OPERATIONS) +
      checkChoice('content', fields.content, CONTENTS) +
      timestampDigits(fields.timestamp) +
      checkUid(fields.uid) +
      '\0',
  );
}

/** A tag with some fields changed and the rest copied byte for byte from `entry`. */
function updateTag(document: UidlDocument, entry: Entry, fields: Partial<TagFields>): Uint8Array {
  const { bytes } = document;
  const spans = entry.spans;
  const keep = (name: string, span: { start: number; end: number }, width?: number): Uint8Array => {
    if (width !== undefined && span.end - span.start !== width) {
      throw new EditError(`tag #${entry.index} has no complete ${name} to keep; give a new one`);
    }
    return bytes.subarray(span.start, span.end);
  };
  const parts = [
    fields.op !== undefined
      ? encodeAscii(checkChoice('operation', fields.op, OPERATIONS))
      : keep('operation', spans.op, 1),
    fields.content !== undefined
      ? encodeAscii(checkChoice('content', fields.content, CONTENTS))
      : keep('content', spans.content, 1),
    fields.timestamp !== undefined
      ? encodeAscii(timestampDigits(fields.timestamp))
      : keep('time', spans.timestamp, UID_OFFSET - 2),
    fields.uid !== undefined ? encodeAscii(checkUid(fields.uid)) : keep('UID', spans.uid),
    Uint8Array.of(0),
  ];
  return concatBytes(parts);
}

/**
 * Raw tag bytes hold at most one NUL, at their end, so they stay one tag. They may lack it
 * (undo restoring an unterminated last tag); checkNothingFollowsUnterminated sees to the rest.
 */
function checkRawTag(bytes: Uint8Array): Uint8Array {
  const nul = bytes.indexOf(0);
  if (nul !== -1 && nul !== bytes.length - 1) {
    throw new EditError(
      `raw tag bytes hold a NUL at ${formatByteOffset(nul, { hex: true })}, before their end; it would split the tag`,
    );
  }
  if (bytes.length === 0) throw new EditError('raw tag bytes are empty');
  return bytes;
}

/**
 * A tag without its NUL runs to the end of the BLOB: it may only be the last thing in it.
 * Checked on the changes alone (the original can only end in such a tag, with nothing after).
 */
function checkNothingFollowsUnterminated(
  document: UidlDocument,
  replaced: ReadonlyMap<number, Uint8Array | null>,
  inserted: ReadonlyMap<number, readonly Uint8Array[]>,
): void {
  const { entryCount, trailing } = document;
  const deletedAfter = (index: number): number => {
    let count = 0;
    for (const [i, bytes] of replaced) if (i > index && bytes === null) count++;
    return count;
  };
  const insertedAfter = (position: number): boolean => {
    for (const p of inserted.keys()) if (p > position) return true;
    return false;
  };
  const hasTrailing = trailing.end > trailing.start;
  /** Whether anything is written after entry `index` (or after position `index`'s inserts). */
  const followed = (index: number, entryItself: boolean): boolean =>
    hasTrailing ||
    insertedAfter(index) ||
    entryCount - 1 - index - deletedAfter(index) > 0 ||
    (!entryItself && index < entryCount && replaced.get(index) !== null);
  const open = (bytes: Uint8Array): boolean => bytes[bytes.length - 1] !== 0;
  const refuse = (what: string): never => {
    throw new EditError(
      `${what} has no NUL terminator, so nothing can follow it; edit or delete it first`,
    );
  };

  for (const [position, tags] of inserted) {
    tags.forEach((tag, k) => {
      if (open(tag) && (k < tags.length - 1 || followed(position, false)))
        refuse('an inserted tag');
    });
  }
  for (const [index, bytes] of replaced) {
    if (bytes !== null && open(bytes) && followed(index, true)) refuse(`the new tag #${index}`);
  }
  const last = entryCount - 1;
  if (last >= 0 && !replaced.has(last) && !document.entry(last).terminated && insertedAfter(last)) {
    refuse(`tag #${last}`);
  }
}

/** Applies `edits` (indexes refer to `document` as given) and returns the new document. */
export function applyEdits(document: UidlDocument, edits: readonly Edit[]): UidlDocument {
  if (edits.length === 0) return document;
  const entryCount = document.entryCount;
  const replaced = new Map<number, Uint8Array | null>();
  const inserted = new Map<number, Uint8Array[]>();
  let insertCount = 0;
  let deleteCount = 0;
  let explicitCount: number | undefined;
  let explicitHeader: Uint8Array | undefined;
  let dropSlack = false;
  let trailingBytes: Uint8Array | undefined;

  const checkIndex = (index: number, allowEnd: boolean): void => {
    const max = allowEnd ? entryCount : entryCount - 1;
    if (!Number.isInteger(index) || index < 0 || index > max) {
      throw new EditError(`there is no tag #${index} (the history has ${entryCount})`);
    }
  };
  const claim = (index: number, value: Uint8Array | null): void => {
    if (replaced.has(index)) throw new EditError(`tag #${index} is edited twice in one change`);
    replaced.set(index, value);
  };

  for (const edit of edits) {
    switch (edit.kind) {
      case 'update':
        checkIndex(edit.index, false);
        claim(edit.index, updateTag(document, document.entry(edit.index), edit.fields));
        break;
      case 'replace':
        checkIndex(edit.index, false);
        claim(edit.index, checkRawTag(edit.bytes));
        break;
      case 'insert': {
        checkIndex(edit.index, true);
        const tag = 'bytes' in edit ? checkRawTag(edit.bytes) : encodeTag(edit.fields);
        const list = inserted.get(edit.index) ?? [];
        list.push(tag);
        inserted.set(edit.index, list);
        insertCount++;
        break;
      }
      case 'delete':
        checkIndex(edit.index, false);
        claim(edit.index, null);
        deleteCount++;
        break;
      case 'setCount':
        if (!Number.isInteger(edit.count) || edit.count < 0 || edit.count > MAX_TAG_COUNT) {
          throw new EditError(
            `Count must be a whole number from 0 to ${MAX_TAG_COUNT}; got ${edit.count}`,
          );
        }
        explicitCount = edit.count;
        break;
      case 'setHeader':
        if (edit.bytes.length > HEADER_LENGTH) throw new EditError('a header is at most 4 bytes');
        explicitHeader = edit.bytes;
        break;
      case 'dropSlack':
        if (document.slack === null) {
          throw new EditError('there is no Outlook slack after the last tag to drop');
        }
        dropSlack = true;
        break;
      case 'setTrailing':
        trailingBytes = edit.bytes;
        break;
    }
  }

  checkNothingFollowsUnterminated(document, replaced, inserted);
  let header = explicitHeader;
  if (header === undefined && (explicitCount !== undefined || insertCount !== deleteCount)) {
    const count =
      explicitCount ?? (document.declaredCount.value ?? entryCount) + insertCount - deleteCount;
    if (count > MAX_TAG_COUNT) {
      throw new EditError(
        `the history would hold ${count} tags; Count is 16 bits and declares at most ${MAX_TAG_COUNT}`,
      );
    }
    header = encodeHeader(count, document.version.value ?? undefined);
  }
  const assembled = assemble(document, { ...(header ? { header } : {}), replaced, inserted });
  // `assemble` copies the trailing region as it was, so it is the tail of `assembled`.
  const tags = assembled.subarray(
    0,
    assembled.length - (document.trailing.end - document.trailing.start),
  );
  const slack = document.slack ? assembled.subarray(tags.length) : null;
  let trailing: Uint8Array | null = null;
  if (trailingBytes) trailing = trailingBytes;
  else if (dropSlack) trailing = new Uint8Array(0);
  else if (slack) trailing = resizedSlack(slack, countOf(assembled));
  return parse(trailing === null ? assembled : concatBytes([tags, trailing]));
}

/** The Count an assembled BLOB declares (null when its header is cut short). */
function countOf(bytes: Uint8Array): number | null {
  return bytes.length >= HEADER_LENGTH ? bytes[2]! | (bytes[3]! << 8) : null;
}

/**
 * The slack in Outlook's shape for `count` tags: its bytes kept in place, zeros added at the
 * end or bytes taken from the end. Unchanged when Count is unknown or still matches.
 */
function resizedSlack(slack: Uint8Array, count: number | null): Uint8Array {
  if (count === null || slack.length === count + 4) return slack;
  const resized = new Uint8Array(count + 4);
  resized.set(slack.subarray(0, Math.min(slack.length, resized.length)));
  return resized;
}

/**
 * Edits that undo `edits` on the document they produce: applying `edits` to `document`, then
 * the inverse to the result, gives back `document`'s bytes exactly.
 */
export function invertEdits(document: UidlDocument, edits: readonly Edit[]): Edit[] {
  const { bytes, entryCount } = document;
  const tagBytes = (index: number): Uint8Array => {
    const entry = document.entry(index);
    return bytes.slice(entry.offset, entry.offset + entry.length);
  };
  // Index of each original entry in the edited document: shifted by inserts before it and
  // deletes before it.
  const insertsBefore = new Array<number>(entryCount + 1).fill(0);
  const deleted = new Set<number>();
  let touchesHeader = false;
  for (const edit of edits) {
    if (edit.kind === 'insert') insertsBefore[edit.index]!++;
    if (edit.kind === 'delete') deleted.add(edit.index);
    if (
      edit.kind === 'insert' ||
      edit.kind === 'delete' ||
      edit.kind === 'setCount' ||
      edit.kind === 'setHeader'
    ) {
      touchesHeader = true;
    }
  }
  const inverse: Edit[] = [];
  // Where each original entry stands in the edited document (inserts at or before it, deletes
  // before it), computed once so undoing 65,535 updates stays linear.
  const newIndexOf = new Int32Array(entryCount + 1);
  let shift = 0;
  for (let index = 0; index <= entryCount; index++) {
    const inserts = insertsBefore[index]!;
    for (let k = 0; k < inserts; k++) inverse.push({ kind: 'delete', index: index + shift + k });
    shift += inserts;
    newIndexOf[index] = index + shift;
    if (index === entryCount) break;
    if (deleted.has(index)) {
      // Re-inserted before the entry that now stands where it stood.
      inverse.push({ kind: 'insert', index: index + shift, bytes: tagBytes(index) });
      shift--;
    }
  }
  for (const edit of edits) {
    if (edit.kind === 'update' || edit.kind === 'replace') {
      inverse.push({
        kind: 'replace',
        index: newIndexOf[edit.index]!,
        bytes: tagBytes(edit.index),
      });
    }
  }
  // Whatever happened after the last tag (slack dropped or resized with Count, bytes set, or
  // stray bytes that a new Count turned into slack), the inverse puts the exact bytes back.
  const setsTrailing = edits.some(
    (edit) => edit.kind === 'setTrailing' || edit.kind === 'dropSlack',
  );
  if (setsTrailing || (touchesHeader && document.trailing.end > document.trailing.start)) {
    inverse.push({
      kind: 'setTrailing',
      bytes: bytes.slice(document.trailing.start, document.trailing.end),
    });
  }
  if (touchesHeader) {
    inverse.push({
      kind: 'setHeader',
      bytes: bytes.slice(0, Math.min(bytes.length, HEADER_LENGTH)),
    });
  }
  return inverse;
}

/** Convenience wrappers for the common single edits. */
export const updateEntry = (
  document: UidlDocument,
  index: number,
  fields: Partial<TagFields>,
): UidlDocument => applyEdits(document, [{ kind: 'update', index, fields }]);
export const insertEntry = (
  document: UidlDocument,
  index: number,
  fields: TagFields,
): UidlDocument => applyEdits(document, [{ kind: 'insert', index, fields }]);
export const appendEntry = (document: UidlDocument, fields: TagFields): UidlDocument =>
  applyEdits(document, [{ kind: 'insert', index: document.entryCount, fields }]);
export const deleteEntries = (document: UidlDocument, indexes: readonly number[]): UidlDocument =>
  applyEdits(
    document,
    indexes.map((index) => ({ kind: 'delete', index })),
  );
