/** Helpers for renderer tests: documents opened straight into a store, without a host. */
import { sha256Hex } from '@shared/hash.js';
import { parseDocument } from '../../../renderer/src/state/document/document';
import type { LoadedDocument, SourceInfo } from '../../../renderer/src/state/input/session';
import {
  createWorkspaceStore,
  viewOf,
  type WorkspaceStore,
} from '../../../renderer/src/state/stores/workspace-store';

export function loadedDocument(
  bytes: Uint8Array,
  source: Partial<SourceInfo> = {},
): LoadedDocument {
  return {
    document: parseDocument(bytes),
    source: {
      name: 'history.bin',
      fileId: 'file-1',
      path: '/evidence/history.bin',
      readOnly: false,
      inputBytes: bytes,
      inputSha256: sha256Hex(bytes),
      blobSha256: sha256Hex(bytes),
      requestedFormat: 'auto',
      format: 'raw',
      shape: null,
      reason: 'The input starts with bytes 03 00.',
      inputDiagnostics: [],
      ...source,
    },
  };
}

/** A store with `bytes` open. */
export function storeWith(bytes: Uint8Array, source: Partial<SourceInfo> = {}): WorkspaceStore {
  const store = createWorkspaceStore();
  store.getState().actions.open(loadedDocument(bytes, source));
  return store;
}

/** The table's rows as a plain array of entry indexes. */
export function visibleRows(store: WorkspaceStore): number[] {
  return Array.from(viewOf(store.getState())?.rows ?? []);
}

export function selected(store: WorkspaceStore): number[] {
  return [...store.getState().selection.entries].sort((a, b) => a - b);
}

export function currentBytes(store: WorkspaceStore): Uint8Array {
  return store.getState().session!.document.bytes;
}

export function uids(store: WorkspaceStore): string[] {
  const document = store.getState().session!.document;
  return Array.from({ length: document.entryCount }, (_, i) => document.uid(i));
}
