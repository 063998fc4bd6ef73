/**
 * The comparison as JSON for scripts (`uidl-studio compare --json`): a versioned contract,
 * compare.schema.json. Field names and meanings change only with a new `schema` version.
 */
import type {
  ComparedUid,
  Comparison,
  ComparisonCounts,
  ListingProblem,
  ListingShape,
  NearMiss,
  ParsedListing,
  UidClass,
} from './types.js';

export const COMPARE_SCHEMA = 'uidl-studio/compare@1';

export interface ComparisonJsonMeta {
  /** The history as the user named it (a file, `<stdin>`, `STORE#account`). */
  readonly history: { readonly name: string; readonly sha256: string | null };
  /** Where the listing came from (a file, `<stdin>`, a host for a live check). */
  readonly listingName: string;
  readonly listing: ParsedListing;
}

export interface ComparisonJson {
  readonly schema: typeof COMPARE_SCHEMA;
  readonly history: { readonly name: string; readonly sha256: string | null };
  readonly listing: {
    readonly name: string;
    readonly shape: ListingShape;
    readonly reason: string;
    readonly complete: boolean;
    readonly messages: number;
    readonly problems: readonly ListingProblem[];
  };
  readonly counts: ComparisonCounts;
  readonly summary: string;
  readonly uids: readonly {
    readonly uid: string;
    readonly class: UidClass;
    readonly messageNumbers: readonly number[];
    readonly historyEntries: readonly number[];
    readonly duplicateInHistory: boolean;
    readonly nearMiss: NearMiss | null;
    /** Only on will-download UIDs: likely new mail rather than downloaded before. */
    readonly likelyNew?: boolean;
  }[];
}

function uidJson(compared: ComparedUid): ComparisonJson['uids'][number] {
  return {
    uid: compared.uid,
    class: compared.uidClass,
    messageNumbers: compared.messageNumbers,
    historyEntries: compared.historyEntries,
    duplicateInHistory: compared.duplicateInHistory,
    nearMiss: compared.nearMiss,
    ...(compared.uidClass === 'will-download' ? { likelyNew: compared.likelyNew } : {}),
  };
}

export function comparisonJson(comparison: Comparison, meta: ComparisonJsonMeta): ComparisonJson {
  const { listing } = meta;
  return {
    schema: COMPARE_SCHEMA,
    history: { name: meta.history.name, sha256: meta.history.sha256 },
    listing: {
      name: meta.listingName,
      shape: listing.shape,
      reason: listing.reason,
      complete: listing.complete,
      messages: listing.messages.length,
      problems: listing.problems.map(({ line, text, message, severity }) => ({
        line,
        text,
        message,
        severity,
      })),
    },
    counts: { ...comparison.counts },
    summary: comparison.summary,
    uids: comparison.uids.map(uidJson),
  };
}
