/** Document-wide figures for the Summary bar, computed once per document. */
import { sha256Hex } from '@shared/hash.js';
import { summarize, type DocumentSummary } from '@shared/summary.js';
import { bytesEqual, type HistoryDocument } from './document';
import { memoizePerObject } from '../memo';
import type { Session } from '../input/session';

export const summaryOf: (document: HistoryDocument) => DocumentSummary =
  memoizePerObject(summarize);

/** SHA-256 of the BLOB bytes (not of the input when it was hex or base64 text). */
export const blobSha256Of: (document: HistoryDocument) => string = memoizePerObject((document) =>
  sha256Hex(document.bytes),
);

/** Whether exporting the raw BLOB now gives exactly the bytes that were opened. */
export const identicalToInputOf: (session: Session) => boolean = memoizePerObject(
  (session: Session) =>
    session.document === session.original ||
    bytesEqual(session.document.bytes, session.original.bytes),
);
