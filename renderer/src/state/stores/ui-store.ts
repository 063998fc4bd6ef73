/**
 * The page's own state, apart from the document: which dialog is open, messages for the user,
 * questions awaiting an answer, and work in progress.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OpenedContainer, ThemePreference } from '@shared/host/contract.js';
import {
  DEFAULT_COLUMN_LAYOUT,
  loadColumnLayout,
  normalizeColumnLayout,
  saveColumnLayout,
  type ColumnLayout,
} from '../table/columns';

export type DialogState =
  | { readonly name: 'edit'; readonly index: number }
  | { readonly name: 'add' }
  | { readonly name: 'bulk' }
  | { readonly name: 'export' }
  | { readonly name: 'paste' }
  | { readonly name: 'changes' }
  | { readonly name: 'listing' }
  | { readonly name: 'live-check' }
  /** The histories found in a PST, OST or `.msg`, to open one or compare two. */
  | { readonly name: 'container'; readonly container: OpenedContainer }
  /** A container scan's progress, with Cancel. */
  | { readonly name: 'scan' }
  /** Another client's state file holding several accounts: which one to open. */
  | {
      readonly name: 'state-account';
      readonly fileName: string;
      readonly message: string;
      readonly accounts: readonly string[];
      readonly choose: (account: string) => void;
    };

export interface Notice {
  readonly id: number;
  /** Errors are announced assertively (role="alert"); info politely. */
  readonly kind: 'error' | 'info';
  readonly message: string;
}

export interface Question {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly cancelLabel?: string;
}

interface PendingQuestion extends Question {
  readonly resolve: (answer: boolean) => void;
}

export interface UiActions {
  openDialog(dialog: DialogState): void;
  closeDialog(): void;
  notify(kind: Notice['kind'], message: string): void;
  dismiss(id: number): void;
  /** Removes every notice: an open replaces the previous open's messages. */
  clearNotices(): void;
  /** Asks the user a yes/no question in a modal dialog. */
  ask(question: Question): Promise<boolean>;
  answer(confirmed: boolean): void;
  setBusy(message: string | null): void;
  setOpenReadOnly(readOnly: boolean): void;
  setDragging(dragging: boolean): void;
  /** Says something to screen readers only ("Undid Delete entry #3"). */
  announce(message: string): void;
  setTheme(theme: ThemePreference): void;
  /** The Entries grid's columns (shown, order, widths); remembered in the page's storage. */
  setEntryColumns(layout: ColumnLayout): void;
}

export interface UiState {
  readonly dialog: DialogState | null;
  readonly notices: readonly Notice[];
  readonly question: PendingQuestion | null;
  /** What the page is busy with ("Opening history.bin…"), or null. */
  readonly busy: string | null;
  /** The "Read-only (evidence mode)" box next to Open. */
  readonly openReadOnly: boolean;
  /** A file is being dragged over the page. */
  readonly dragging: boolean;
  /** The latest screen-reader announcement. */
  readonly announcement: string;
  /** The theme setting: follow the OS, or force light or dark. */
  readonly theme: ThemePreference;
  readonly entryColumns: ColumnLayout;
  readonly actions: UiActions;
}

export type UiStore = StoreApi<UiState>;

/** Notices kept on screen at once; older ones drop off. */
const MAX_NOTICES = 4;

/** Where the column layout is remembered; none in tests that do not ask for it. */
export type ColumnStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function createUiStore(columnStorage?: ColumnStorage): UiStore {
  let nextNoticeId = 1;
  return createStore<UiState>()((set, get) => ({
    dialog: null,
    notices: [],
    question: null,
    busy: null,
    openReadOnly: false,
    dragging: false,
    announcement: '',
    theme: 'system',
    entryColumns: columnStorage ? loadColumnLayout(columnStorage) : DEFAULT_COLUMN_LAYOUT,
    actions: {
      openDialog: (dialog) => set({ dialog }),
      closeDialog: () => set({ dialog: null }),
      notify(kind, message) {
        const notice: Notice = { id: nextNoticeId++, kind, message };
        set({ notices: [...get().notices, notice].slice(-MAX_NOTICES) });
      },
      dismiss: (id) => set({ notices: get().notices.filter((notice) => notice.id !== id) }),
      clearNotices: () => set({ notices: [] }),
      ask(question) {
        // A new question answers an unanswered one with "no": only one dialog at a time.
        get().question?.resolve(false);
        return new Promise<boolean>((resolve) => set({ question: { ...question, resolve } }));
      },
      answer(confirmed) {
        const question = get().question;
        set({ question: null });
        question?.resolve(confirmed);
      },
      setBusy: (busy) => set({ busy }),
      setOpenReadOnly: (openReadOnly) => set({ openReadOnly }),
      setDragging: (dragging) => set({ dragging }),
      announce: (announcement) => set({ announcement }),
      setTheme: (theme) => set({ theme }),
      setEntryColumns(layout) {
        const entryColumns = normalizeColumnLayout(layout);
        set({ entryColumns });
        saveColumnLayout(columnStorage, entryColumns);
      },
    },
  }));
}
