/**
 * Fuzzing the listing parser: whatever text is pasted or loaded, it never throws, every problem
 * names a line that exists, the output stays linear in the input, and the line cap holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LISTING_TEXT_LINES, parseListing } from '../../../shared/listing/parse-listing.js';
import { decodeListingText } from '../../../shared/listing/listing-text.js';

/** Lines as the parser counts them (CRLF, CR and LF each end one). */
const lineCount = (text: string): number =>
  (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/).length;

/** Text built from the pieces a listing is made of, so the fuzzer reaches every shape. */
const listingLike = fc
  .array(
    fc.oneof(
      fc.constantFrom('+OK', '-ERR no', '.', '..x', 'UIDL', 'C: UIDL', 'S: +OK', '> LIST', '< 1 a'),
      fc.constantFrom('\r\n', '\n', '\r', ' ', '\t', '\u00a0', '\ufeff', '\0'),
      fc
        .tuple(fc.nat(2_000_000_000), fc.string({ maxLength: 12 }))
        .map(([n, uid]) => `${n} ${uid}`),
      fc.string({ maxLength: 20 }),
    ),
    { maxLength: 60 },
  )
  .map((pieces) => pieces.join(''));

function checkListing(text: string): void {
  const listing = parseListing(text);
  const lines = lineCount(text);
  for (const problem of listing.problems) {
    expect(problem.line).toBeGreaterThanOrEqual(1);
    expect(problem.line).toBeLessThanOrEqual(lines);
    expect(problem.text.length).toBeLessThanOrEqual(201);
  }
  for (const message of listing.messages) {
    expect(message.line).toBeGreaterThanOrEqual(1);
    expect(message.line).toBeLessThanOrEqual(lines);
  }
  // Linear: at most one message and a few problems a line, each of bounded size.
  expect(listing.messages.length).toBeLessThanOrEqual(lines);
  expect(listing.problems.length).toBeLessThanOrEqual(2 * lines + 2);
  expect(JSON.stringify(listing).length).toBeLessThanOrEqual(3 * text.length + 700 * lines);
}

describe('parseListing fuzzed', () => {
  it('never throws on arbitrary text, reports only lines that exist, stays linear', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), checkListing), {
      numRuns: 1500,
    });
  });

  it('never throws on listing-like text of every shape', () => {
    fc.assert(fc.property(listingLike, checkListing), { numRuns: 1500 });
  });

  it('never throws on arbitrary bytes decoded as a loaded file is', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) =>
        checkListing(decodeListingText(bytes).text),
      ),
      { numRuns: 1000 },
    );
  });
});

describe('the line cap', () => {
  it('reads up to the cap, then says where it stopped and marks the listing incomplete', () => {
    const text = Array.from({ length: 150 }, (_, i) => `${i + 1} uid-${i + 1}`).join('\r\n');
    const listing = parseListing(text, 100);
    expect(listing.messages).toHaveLength(100);
    expect(listing.messages.at(-1)).toMatchObject({ number: 100, uid: 'uid-100' });
    expect(listing.complete).toBe(false);
    expect(listing.problems.at(-1)).toEqual({
      line: 101,
      text: '',
      severity: 'error',
      message: 'line 101: the text has more than 100 lines; the lines from here on are not read',
    });
    // Exactly at the cap nothing is cut.
    expect(parseListing(text, 150).problems).toEqual([]);
  });

  it(`holds at ${MAX_LISTING_TEXT_LINES.toLocaleString('en-US')} lines for a text of empty lines`, () => {
    const listing = parseListing('\n'.repeat(MAX_LISTING_TEXT_LINES + 5));
    expect(listing.complete).toBe(false);
    expect(listing.problems.at(-1)?.message).toBe(
      'line 1,000,001: the text has more than 1,000,000 lines; the lines from here on are not read',
    );
  });
});
