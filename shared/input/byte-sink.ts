/** A growable byte buffer, for decoders whose output size is not known in advance. */
export class ByteSink {
  private buffer: Uint8Array;
  private size = 0;

  constructor(initialCapacity: number) {
    this.buffer = new Uint8Array(Math.max(16, initialCapacity));
  }

  get length(): number {
    return this.size;
  }

  byteAt(index: number): number {
    return this.buffer[index] ?? 0;
  }

  push(byte: number): void {
    if (this.size === this.buffer.length) this.reserve(this.size + 1);
    this.buffer[this.size++] = byte;
  }

  /** Drops the bytes from `length` on. */
  truncate(length: number): void {
    this.size = Math.min(this.size, length);
  }

  /** Appends `times` more copies of the `count` bytes that start at `start`. */
  repeat(start: number, count: number, times: number): void {
    this.reserve(this.size + count * times);
    for (let copy = 0; copy < times; copy++) {
      this.buffer.copyWithin(this.size, start, start + count);
      this.size += count;
    }
  }

  /** The bytes written so far (a copy only when the buffer has spare room). */
  toBytes(): Uint8Array {
    return this.size === this.buffer.length ? this.buffer : this.buffer.slice(0, this.size);
  }

  private reserve(capacity: number): void {
    if (capacity <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(capacity, this.buffer.length * 2));
    grown.set(this.buffer.subarray(0, this.size));
    this.buffer = grown;
  }
}
