/** Limits every host enforces alike, so the CLI, the desktop app and the browser edition agree. */

/** A UIDL history is a few MiB at most; anything far larger is the wrong file. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** The limit as messages name it ("64 MiB"), so no message can drift from the number. */
export const MAX_INPUT_TEXT = `${MAX_INPUT_BYTES / (1024 * 1024)} MiB`;
