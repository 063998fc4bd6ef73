/**
 * The entry editor's fields and their live validation. The UID is typed decoded and encoded
 * for the user; only the fields the user changed are written, so an edit keeps every other
 * byte of the tag as it was written. The time is typed in the displayed zone (UTC by default)
 * and written in UTC, as Outlook writes it; the form shows the UTC value it will write.
 */
import type { TagFields } from '@shared/codec/edit.js';
import type { Content, Operation } from '@shared/codec/types.js';
import { formatTimestampIso, parseTimestampText } from '@shared/codec/timestamp.js';
import { encodeUid, UidEncodeError, validateUid } from '@shared/codec/uid.js';
import { contentName, operationName } from '@shared/summary.js';
import { displayTimestamp, type HistoryDocument } from '../document/document';
import {
  formatWritten,
  writtenNow,
  writtenOfDisplayed,
  type TimeZonePreference,
} from '../time-zone';

export interface EntryForm {
  /** The decoded UID. */
  readonly uid: string;
  readonly op: string;
  readonly content: string;
  /** `YYYY-MM-DD hh:mm:ss` or 14 digits, in the displayed zone. */
  readonly timestamp: string;
}

export interface EntryFormCheck {
  /** The UID as it will be written, or null when it cannot be. */
  readonly encodedUid: string | null;
  readonly uidError: string | null;
  /** Allowed but worth saying: too long for RFC 1939, already used by another entry. */
  readonly uidWarning: string | null;
  readonly opError: string | null;
  readonly contentError: string | null;
  readonly timestampError: string | null;
  /** The time that will be written, `YYYY-MM-DD hh:mm:ss` UTC, when the typed one is valid. */
  readonly writtenTimestamp: string | null;
  /** The fields to write (only the changed ones when editing); null while any is invalid. */
  readonly fields: Partial<TagFields> | null;
}

/** The form for an existing entry: its fields as written, its time shown in `zone`. */
export function formOf(
  document: HistoryDocument,
  index: number,
  zone: TimeZonePreference,
): EntryForm {
  const entry = document.entry(index);
  return {
    uid: entry.uid,
    op: entry.op,
    content: entry.content,
    timestamp: displayTimestamp(document, index, zone),
  };
}

/** A new entry: a successful body download, now (written in UTC, shown in `zone`). */
export function newEntryForm(now: Date, zone: TimeZonePreference): EntryForm {
  return { uid: '', op: '+', content: 'b', timestamp: formatWritten(writtenNow(now), zone) };
}

/**
 * Checks `form`. `initial` is the entry's form when editing (null when adding); `index` the
 * entry edited, so that finding the UID elsewhere is not reported for the entry itself.
 */
export function checkEntryForm(
  form: EntryForm,
  initial: EntryForm | null,
  document: HistoryDocument,
  index: number | null,
  zone: TimeZonePreference = 'utc',
): EntryFormCheck {
  const changed = <K extends keyof EntryForm>(key: K): boolean =>
    initial === null || form[key] !== initial[key];

  let encodedUid: string | null = null;
  let uidError: string | null = null;
  let uidWarning: string | null = null;
  try {
    encodedUid = encodeUid(form.uid);
  } catch (error) {
    if (!(error instanceof UidEncodeError)) throw error;
    uidError = unencodableMessage(form.uid);
  }
  if (changed('uid') && uidError === null) {
    const problems = validateUid(form.uid);
    const blocking = problems.find((problem) => problem.code !== 'uid.too-long');
    if (blocking) uidError = `${capitalise(blocking.message)}.`;
    else if (problems.length > 0) uidWarning = `${capitalise(problems[0]!.message)}.`;
    if (uidError === null) {
      const uids = document.uidList();
      const other = uids.findIndex((uid, i) => uid === form.uid && i !== index);
      if (other >= 0) {
        uidWarning = `${uidWarning ? `${uidWarning} ` : ''}Entry #${other} already has this UID: Outlook treats both as one message.`;
      }
    }
  }

  const opError =
    changed('op') && operationName(form.op) === 'unknown'
      ? 'Choose an operation: +, - or &.'
      : null;
  const contentError =
    changed('content') && contentName(form.content) === 'unknown'
      ? 'Choose a content: none, h or b.'
      : null;
  const typed = parseTimestampText(form.timestamp);
  const written = typed ? writtenOfDisplayed(typed, zone) : null;
  const time = changed('timestamp') ? written : null;
  const timestampError =
    changed('timestamp') && time === null
      ? 'Not a real date and time: write YYYY-MM-DD hh:mm:ss or the 14 digits yyyyMMddhhmmss.'
      : null;

  const valid = !(changed('uid') && uidError) && !opError && !contentError && !timestampError;
  let fields: Partial<TagFields> | null = null;
  if (valid) {
    const result: { -readonly [K in keyof TagFields]?: TagFields[K] } = {};
    if (changed('uid')) result.uid = form.uid;
    if (changed('op')) result.op = form.op as Operation;
    if (changed('content')) result.content = form.content as Content;
    if (changed('timestamp') && time) result.timestamp = time;
    fields = result;
  }
  return {
    encodedUid,
    uidError: changed('uid') ? uidError : null,
    uidWarning,
    opError,
    contentError,
    timestampError,
    writtenTimestamp: written ? formatTimestampIso(written).replace('T', ' ') : null,
    fields,
  };
}

/** Characters named one by one in the "cannot be written" message; the rest are counted. */
export const MAX_NAMED_UNENCODABLE = 5;

/**
 * Every character of `uid` that no `$hh` escape can hold (past U+00FF), not only the first, so
 * the user fixes them all in one go: the first few by code point and position, then a count.
 */
export function unencodableMessage(uid: string): string {
  const named: string[] = [];
  let count = 0;
  let position = 0;
  for (const character of uid) {
    position++;
    const code = character.codePointAt(0)!;
    if (code < 256) continue;
    count++;
    if (named.length < MAX_NAMED_UNENCODABLE) {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      named.push(`'${character}' (U+${hex}) at position ${position}`);
    }
  }
  const more = count - named.length;
  const list =
    more > 0
      ? `${named.join(', ')} and ${more} more`
      : named.length === 1
        ? named[0]!
        : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
  return count === 1
    ? `The UID cannot be written: character ${list} cannot be escaped (an escape holds one byte).`
    : `The UID cannot be written: ${count} characters cannot be escaped (an escape holds one ` +
        `byte): ${list}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
