/**
 * The one error type the container readers throw for bad input: a damaged or unsupported
 * store, or a `.msg` that is not what it claims. Its message says what was wrong and, where
 * the problem sits at a known place in the file, the byte offset.
 */
import { formatByteOffset } from '../../shared/byte-range.js';

export class ContainerError extends Error {
  /** Byte offset in the file where the problem was found, when there is one. */
  readonly offset: number | null;

  constructor(message: string, offset: number | null = null) {
    super(offset === null ? message : `${message} (at ${formatByteOffset(offset, { hex: true })})`);
    this.name = 'ContainerError';
    this.offset = offset;
  }
}

/** A value over the size limit the caller gave: not damage, so a scan can note it and go on. */
export class ContainerLimitError extends ContainerError {
  constructor(message: string, offset: number | null = null) {
    super(message, offset);
    this.name = 'ContainerLimitError';
  }
}
