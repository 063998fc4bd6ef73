/**
 * The undo history: each step keeps the edits it applied and their inverse (shared/codec's
 * invertEdits), never a copy of the document, so a step costs the bytes of the tags it touched.
 */
import type { Edit } from '@shared/codec/edit.js';
import type { Selection } from '../table/selection';

export interface HistoryStep {
  /** What the user did, for the Undo and Redo buttons' tooltips: "Delete 3 entries". */
  readonly label: string;
  readonly edits: readonly Edit[];
  readonly inverse: readonly Edit[];
  /** Ids of the entries the edits insert (given back to them on redo). */
  readonly insertedIds: readonly number[];
  /** Ids of the entries the edits delete (given back to them on undo). */
  readonly removedIds: readonly number[];
  readonly selectionBefore: Selection;
  readonly selectionAfter: Selection;
}

export interface UndoHistory {
  readonly undo: readonly HistoryStep[];
  readonly redo: readonly HistoryStep[];
  /**
   * How many undo steps the saved (or opened) state has; null when no sequence of undos and
   * redos can reach it any more (a new change was made after undoing past it).
   */
  readonly savedDepth: number | null;
}

/** Steps kept; the oldest are forgotten beyond this. */
export const MAX_UNDO_STEPS = 500;

export const EMPTY_HISTORY: UndoHistory = Object.freeze({ undo: [], redo: [], savedDepth: 0 });

export function isDirty(history: UndoHistory): boolean {
  return history.savedDepth !== history.undo.length;
}

export function pushStep(history: UndoHistory, step: HistoryStep): UndoHistory {
  let savedDepth = history.savedDepth;
  // The saved state was in the redo list, which a new change discards.
  if (savedDepth !== null && savedDepth > history.undo.length) savedDepth = null;
  let undo = [...history.undo, step];
  if (undo.length > MAX_UNDO_STEPS) {
    undo = undo.slice(undo.length - MAX_UNDO_STEPS);
    if (savedDepth !== null) savedDepth = savedDepth > 0 ? savedDepth - 1 : null;
  }
  return { undo, redo: [], savedDepth };
}

export function markSaved(history: UndoHistory): UndoHistory {
  return { ...history, savedDepth: history.undo.length };
}
