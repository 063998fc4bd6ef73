import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/codec/parse.js';
import { compareHistory } from '../../../shared/compare/compare.js';
import { COMPARE_SCHEMA, comparisonJson } from '../../../shared/compare/json.js';
import { parseListing } from '../../../shared/listing/parse-listing.js';
import { buildBlob } from '../../fixtures/blobs.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../shared/compare/compare.schema.json', import.meta.url), 'utf8'),
) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

function history(uids: readonly string[]) {
  return parse(
    buildBlob(uids.map((uid) => ({ op: '+', content: 'b', timestamp: '20200102030405', uid }))),
  );
}

/** The JSON as a consumer reads it, checked against the published schema. */
function exported(uids: readonly string[], listingText: string) {
  const listing = parseListing(listingText);
  const comparison = compareHistory(history(uids), listing);
  const value: unknown = JSON.parse(
    JSON.stringify(
      comparisonJson(comparison, {
        history: { name: 'h.bin', sha256: 'b'.repeat(64) },
        listingName: 'server.txt',
        listing,
      }),
    ),
  );
  expect(validate(value), JSON.stringify(validate.errors, null, 2)).toBe(true);
  return { value: value as ReturnType<typeof comparisonJson>, comparison };
}

describe('comparisonJson', () => {
  it('gives each UID its class, numbers, entries and near miss, with counts and summary', () => {
    const { value, comparison } = exported(
      ['abc', 'kept', 'kept'],
      '+OK\n1 kept\n2 ABC\nbad line here\n.\n',
    );
    expect(value.schema).toBe(COMPARE_SCHEMA);
    expect(value.history).toEqual({ name: 'h.bin', sha256: 'b'.repeat(64) });
    expect(value.listing).toEqual({
      name: 'server.txt',
      shape: 'uidl-response',
      reason: "Line 1 is the status line of a UIDL response ('+OK').",
      complete: true,
      messages: 2,
      problems: [
        {
          line: 4,
          text: 'bad line here',
          severity: 'error',
          message:
            "line 4: 3 fields where '<message number> <UID>' was expected (a UID holds no spaces); the line is left out",
        },
      ],
    });
    expect(value.counts).toEqual(comparison.counts);
    expect(value.summary).toBe(comparison.summary);
    expect(value.uids).toEqual([
      {
        uid: 'kept',
        class: 'kept',
        messageNumbers: [1],
        historyEntries: [1, 2],
        duplicateInHistory: true,
        nearMiss: null,
      },
      {
        uid: 'ABC',
        class: 'will-download',
        messageNumbers: [2],
        historyEntries: [],
        duplicateInHistory: false,
        nearMiss: {
          cause: 'case',
          counterpart: 'abc',
          explanation: "'ABC' on the server and 'abc' in the history differ only in letter case.",
        },
        likelyNew: false,
      },
      {
        uid: 'abc',
        class: 'stale',
        messageNumbers: [],
        historyEntries: [0],
        duplicateInHistory: false,
        nearMiss: {
          cause: 'case',
          counterpart: 'ABC',
          explanation: "'ABC' on the server and 'abc' in the history differ only in letter case.",
        },
      },
    ]);
  });

  it('matches the schema for any comparison', () => {
    const uid = fc.stringMatching(/^[a-cA-C0-9._-]{1,6}$/);
    fc.assert(
      fc.property(fc.array(uid, { maxLength: 15 }), fc.array(uid, { maxLength: 15 }), (a, b) => {
        const { value } = exported(a, b.map((u, i) => `${i + 1} ${u}`).join('\n'));
        expect(value.uids.length).toBe(
          value.counts.kept + value.counts.willDownload + value.counts.stale,
        );
      }),
      { numRuns: 100 },
    );
  });

  it('says of every will-download UID, and only of those, whether it is likely new mail', () => {
    // Kept: 2 and 4. Missing before (1), among (3) and after (5, 6) the kept ones.
    const { value } = exported(['m2', 'm4', 'gone'], '1 m1\n2 m2\n3 m3\n4 m4\n5 m5\n6 m6\n');
    expect(value.uids.map((u) => [u.uid, u.class, u.likelyNew])).toEqual([
      ['m1', 'will-download', false],
      ['m2', 'kept', undefined],
      ['m3', 'will-download', false],
      ['m4', 'kept', undefined],
      ['m5', 'will-download', true],
      ['m6', 'will-download', true],
      ['gone', 'stale', undefined],
    ]);
    expect(value.counts).toMatchObject({ willDownload: 4, likelyNew: 2 });
    expect(value.summary).toContain(
      'Outlook will download 2 messages again and 2 new messages on the next check',
    );
    // The schema holds it: required on will-download UIDs, refused on the others.
    const uids = value.uids.map((u) => ({ ...u }) as Record<string, unknown>);
    delete uids[0]!.likelyNew;
    expect(validate({ ...value, uids })).toBe(false);
    const onKept = value.uids.map((u, i) => (i === 1 ? { ...u, likelyNew: false } : u));
    expect(validate({ ...value, uids: onKept })).toBe(false);
  });

  it('is refused by the schema when a field is missing or unknown', () => {
    const { value } = exported(['a'], 'a\n');
    const withoutSummary: Record<string, unknown> = { ...value };
    delete withoutSummary.summary;
    expect(validate(withoutSummary)).toBe(false);
    expect(validate({ ...value, extra: 1 })).toBe(false);
    expect(validate({ ...value, schema: 'uidl-studio/compare@2' })).toBe(false);
  });
});
