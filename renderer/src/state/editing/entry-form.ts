/**
 * The entry editor's fields and their live validation. The UID is typed decoded and encoded
 * for the user; only the fields the user changed are written, so an edit keeps every other
 * byte of the tag as it was written.
 */
import type { TagFields } from '@shared/codec/edit.js';
import type { Content, Operation } from '@shared/codec/types.js';
import { parseTimestampText } from '@shared/codec/timestamp.js';
import { encodeUid, UidEncodeError, validateUid } from '@shared/codec/uid.js';
import { contentName, operationName } from '@shared/summary.js';
import { displayTimestamp, type HistoryDocument } from '../document/document';

export interface EntryForm {
  /** The decoded UID. */
  readonly uid: string;
  readonly op: string;
  readonly content: string;
  /** `YYYY-MM-DD hh:mm:ss` or 14 digits. */
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
  /** The fields to write (only the changed ones when editing); null while any is invalid. */
  readonly fields: Partial<TagFields> | null;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The form for an existing entry: its fields as written. */
export function formOf(document: HistoryDocument, index: number): EntryForm {
  const entry = document.entry(index);
  return {
    uid: entry.uid,
    op: entry.op,
    content: entry.content,
    timestamp: displayTimestamp(document, index),
  };
}

/** A new entry: a successful body download, now (the computer's local time, as Outlook writes it). */
export function newEntryForm(now: Date): EntryForm {
  const timestamp =
    `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ` +
    `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  return { uid: '', op: '+', content: 'b', timestamp };
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
    uidError = `The UID cannot be written: ${error.message}.`;
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
  const time = changed('timestamp') ? parseTimestampText(form.timestamp) : null;
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
    fields,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
