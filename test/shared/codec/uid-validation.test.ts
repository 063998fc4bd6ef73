import { describe, expect, it } from 'vitest';
import { validateUid } from '../../../shared/codec/uid.js';

describe('validateUid', () => {
  it('names the one bad character with its position', () => {
    expect(validateUid('has space')).toEqual([
      {
        code: 'uid.invalid-char',
        message: 'character 0x20 at position 4 is outside the printable ASCII RFC 1939 allows',
        position: 3,
      },
    ]);
  });

  it('names every bad character, not only the first, and counts those past five', () => {
    expect(validateUid('a b\tc')[0]!.message).toBe(
      'characters 0x20 at position 2 and 0x09 at position 4 are outside the printable ASCII ' +
        'RFC 1939 allows',
    );
    const many = validateUid('x' + ' '.repeat(8));
    expect(many).toHaveLength(1);
    expect(many[0]!.position).toBe(1);
    expect(many[0]!.message).toBe(
      'characters 0x20 at position 2, 0x20 at position 3, 0x20 at position 4, 0x20 at ' +
        'position 5, 0x20 at position 6 and 3 more are outside the printable ASCII RFC 1939 allows',
    );
  });

  it('accepts a printable UID and reports an empty or long one', () => {
    expect(validateUid('UID-1')).toEqual([]);
    expect(validateUid('').map((problem) => problem.code)).toEqual(['uid.empty']);
    expect(validateUid('a'.repeat(71)).map((problem) => problem.code)).toEqual(['uid.too-long']);
  });
});
