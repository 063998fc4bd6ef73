/** An open document: where it came from, the document as opened, and as edited now. */
import type {
  ClientStateSource,
  DecodedInput,
  InputDiagnostic,
  InputFormat,
} from '@shared/input/types.js';
import type { HistoryDocument } from '../document/document';

/** Where the document came from and how its input was read. */
export interface SourceInfo {
  /** The file's name, or "Pasted dump". */
  readonly name: string;
  /** The host's handle for saving back; null for pasted text. */
  readonly fileId: string | null;
  readonly path: string | null;
  /** Evidence mode: never saved over its source. */
  readonly readOnly: boolean;
  /** The input exactly as given: still hex or base64 text for a dump. */
  readonly inputBytes: Uint8Array;
  /** SHA-256 of inputBytes. */
  readonly inputSha256: string;
  /**
   * SHA-256 of the BLOB as opened (the decoded bytes of a hex or base64 dump; inputSha256 for
   * a raw input): the hash the CLI and the JSON export call blobSha256.
   */
  readonly blobSha256: string;
  /** What the user asked the input to be read as. */
  readonly requestedFormat: InputFormat | 'auto';
  /** What it was read as, in which layout, and why. */
  readonly format: InputFormat;
  readonly shape: DecodedInput['shape'] | null;
  readonly reason: string;
  readonly inputDiagnostics: readonly InputDiagnostic[];
  /** Set when the input was another client's state file: its account, for exporting back. */
  readonly clientState?: ClientStateSource | null;
}

export interface Session {
  readonly source: SourceInfo;
  /** The document as opened: the baseline of the Changes view and of "identical to input". */
  readonly original: HistoryDocument;
  readonly document: HistoryDocument;
  /** Per current entry, its identity (see entry-ids.ts). */
  readonly ids: Int32Array;
  /** The next id to give an added entry. */
  readonly nextId: number;
}

/** A document ready to open: its source and the parsed BLOB. */
export interface LoadedDocument {
  readonly source: SourceInfo;
  readonly document: HistoryDocument;
}
