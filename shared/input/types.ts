/** The other mail clients whose POP3 state files are read and written (shared/input/client-state/). */
export type ClientStateFormat = 'popstate' | 'fetchids' | 'getmail';

/**
 * How the BLOB arrived: as its own bytes, written out as hex or base64 text, or as another
 * mail client's state file converted to a history.
 */
export type InputFormat = 'raw' | 'hex' | 'base64' | ClientStateFormat;

/** The layouts of hex text that users paste or save. */
export type HexShape = 'continuous' | 'spaced' | 'prefixed' | 'offset-dump' | 'reg' | 'mfcmapi';

/** Something worth telling the user about an input that was nevertheless decoded. */
export interface InputDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** 1-based line of the text the diagnostic is about. */
  line?: number;
  /** 1-based column (in characters) on that line. */
  column?: number;
  /** Byte offset into the input (not into the decoded BLOB). */
  offset?: number;
}

export interface DecodedInput {
  /** What was chosen. */
  format: InputFormat;
  shape?: HexShape | 'base64' | 'base64url';
  /** One sentence a user understands: why this format was chosen. */
  reason: string;
  /** The BLOB bytes. */
  bytes: Uint8Array;
  diagnostics: InputDiagnostic[];
  /** Set when the input was another client's state file: which account became the history. */
  clientState?: ClientStateSource;
}

/** The state file an input came from, and the account converted. */
export interface ClientStateSource {
  readonly format: ClientStateFormat;
  /** `user@host` of the account converted; null for getmail (the file does not name it). */
  readonly account: string | null;
  /** Every account of the file, in its order. */
  readonly accounts: readonly string[];
  readonly host: string | null;
  readonly user: string | null;
  readonly lineBreak: '\n' | '\r\n';
}

/** Where a character sits in the input: 1-based line and column, and its byte offset. */
export interface TextPosition {
  line: number;
  column: number;
  offset: number;
}

/** The input could not be decoded; the message says what was wrong and where. */
export class InputDecodeError extends Error {
  readonly code: string;
  readonly line?: number;
  readonly column?: number;
  readonly offset?: number;

  constructor(code: string, message: string, position?: TextPosition) {
    super(message);
    this.name = 'InputDecodeError';
    this.code = code;
    if (position !== undefined) {
      this.line = position.line;
      this.column = position.column;
      this.offset = position.offset;
    }
  }
}
