/** The entries an export covers: all of them, or the indexes of a filtered view. */
import type { Entry, UidlDocument } from '../codec/types.js';

/**
 * The entries at `indexes`, in the order given (a view may be sorted), or every entry when
 * `indexes` is absent. An index out of range or given twice is a caller bug: RangeError.
 */
export function selectEntries(
  document: UidlDocument,
  indexes: readonly number[] | undefined,
): readonly Entry[] {
  if (indexes === undefined) return document.entries;
  const seen = new Set<number>();
  return indexes.map((index) => {
    const entry = Number.isInteger(index) ? document.entries[index] : undefined;
    if (entry === undefined) {
      throw new RangeError(
        `entry index ${index} is not in the document (0 to ${document.entries.length - 1})`,
      );
    }
    if (seen.has(index)) throw new RangeError(`entry index ${index} is selected twice`);
    seen.add(index);
    return entry;
  });
}
