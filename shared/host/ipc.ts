/**
 * The desktop app's IPC channels and the schemas of what crosses them. The main process
 * validates every payload against these before acting: it trusts nothing from the renderer.
 */
import { z } from 'zod';
import { MAX_INPUT_BYTES } from '../limits.js';
import {
  INVOKE_CHANNELS,
  type InvokeChannel,
  type InvokeMethod,
  type SentPayload,
} from './channels.js';
import { EVENT_CHANNELS, MAX_PICKED_PATHS, SEND_CHANNELS } from './channels.js';
import type {
  DocumentState,
  Pop3CheckRequest,
  WriteBackRequest,
  ExportRequest,
  OpenOptions,
  SaveAsRequest,
  SaveRequest,
  Settings,
} from './contract.js';

export { EVENT_CHANNELS, INVOKE_CHANNELS, SEND_CHANNELS, type InvokeChannel };

const MAX_PATH_LENGTH = 32_767; // Windows' extended-length path limit, the largest of any OS
const MAX_NAME_LENGTH = 255;

// Typed as the contract's Uint8Array (over any buffer), which the page's requests carry.
const bytes = (z.instanceof(Uint8Array) as z.ZodType<Uint8Array>).refine(
  (value) => value.length <= MAX_INPUT_BYTES,
  {
    message: `must be at most ${MAX_INPUT_BYTES} bytes`,
  },
);
const fileId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be a file id the host issued');
const absolutePath = z
  .string()
  .min(1)
  .max(MAX_PATH_LENGTH)
  .refine((value) => !value.includes('\0'), { message: 'must not contain NUL' })
  .refine(
    (value) => value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\'),
    {
      message: 'must be an absolute path',
    },
  );
const fileName = z
  .string()
  .min(1)
  .max(MAX_NAME_LENGTH)
  .refine((value) => !/[\\/\0]/.test(value) && value !== '.' && value !== '..', {
    message: 'must be a plain file name without folders',
  });
const fileFilters = z
  .array(
    z.strictObject({
      name: z.string().min(1).max(100),
      extensions: z
        .array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/))
        .min(1)
        .max(32),
    }),
  )
  .max(32);

/** Task ids are made by the renderer: short, plain, so they are safe in logs and maps. */
export const taskIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a task id');

const openPurpose = z.enum(['document', 'listing']);

export const openOptionsSchema = z.strictObject({
  readOnly: z.boolean().optional(),
  taskId: taskIdSchema.optional(),
  purpose: openPurpose.optional(),
});

export const openPathSchema = z.strictObject({
  path: absolutePath,
  readOnly: z.boolean().optional(),
  taskId: taskIdSchema.optional(),
  purpose: openPurpose.optional(),
});

const containerId = fileId;
/** Attachment numbers are 1-based and bounded well above any real store's count. */
const attachmentNumber = z.number().int().min(1).max(1_000_000);

export const openContainerChoiceSchema = z.strictObject({ containerId, number: attachmentNumber });

export const findContainerVersionsSchema = z.strictObject({ containerId, taskId: taskIdSchema });

/** Version numbers are 1-based; the search stops long before this many candidates. */
export const openContainerVersionSchema = z.strictObject({
  containerId,
  number: z.number().int().min(1).max(1_000_000),
});

export const writeBackRequestSchema = z.strictObject({
  containerId,
  number: attachmentNumber,
  bytes,
  suggestedName: fileName,
});

/** A host name or IP literal: no spaces, no URL parts (RFC 1123 names are at most 253). */
const hostName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:_[\]-]+$/, 'must be a host name or IP address');
const port = z.number().int().min(1).max(65_535);
/** RFC 1939 USER/PASS arguments are one line of printable text; 255 is generous. */
const pop3User = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\r\n\0]+$/, 'must be one line without control characters');
const pop3Password = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\r\n\0]+$/, 'must be one line without control characters');

export const pop3CheckRequestSchema = z.strictObject({
  taskId: taskIdSchema,
  host: hostName,
  port,
  security: z.enum(['tls', 'stls', 'plain']),
  allowPlain: z.boolean(),
  user: pop3User,
  password: pop3Password.nullable(),
  rememberPassword: z.boolean(),
  insecure: z.boolean(),
});

export const pop3AccountKeySchema = z.strictObject({ host: hostName, port, user: pop3User });

export const saveRequestSchema = z.strictObject({ fileId, bytes });

export const saveAsRequestSchema = z.strictObject({
  suggestedName: fileName,
  bytes,
  filters: fileFilters.optional(),
  sourceFileId: fileId.optional(),
});

export const exportRequestSchema = z.strictObject({
  suggestedName: fileName,
  bytes,
  mimeType: z
    .string()
    .regex(/^[a-z]+\/[a-z0-9.+-]+(; ?charset=[a-z0-9-]+)?$/i)
    .max(100),
  filters: fileFilters.optional(),
  sourceFileId: fileId.optional(),
});

export const settingsSchema = z.strictObject({
  theme: z.enum(['system', 'light', 'dark']),
  timeZone: z.enum(['utc', 'local']),
  openReadOnly: z.boolean(),
});

export const settingsChangesSchema = settingsSchema.partial();

export const documentStateSchema = z.strictObject({
  title: z.string().max(1024),
  dirty: z.boolean(),
});

export const emptySchema = z.undefined();

/** Every UID of a full history, one per line, is under 5 million characters. */
export const MAX_CLIPBOARD_CHARS = 8_000_000;
export const copyTextSchema = z.string().max(MAX_CLIPBOARD_CHARS);

/** The payload schema of every invoke channel: main validates before it handles. */
// Pure, so a bundle that takes only a schema from here (the browser host) drops the table.
export const INVOKE_SCHEMAS = /* @__PURE__ */ (() =>
  ({
    [INVOKE_CHANNELS.openDialog]: openOptionsSchema.optional(),
    [INVOKE_CHANNELS.openPath]: openPathSchema,
    [INVOKE_CHANNELS.openRecent]: openPathSchema,
    [INVOKE_CHANNELS.listRecent]: emptySchema,
    [INVOKE_CHANNELS.clearRecent]: emptySchema,
    [INVOKE_CHANNELS.save]: saveRequestSchema,
    [INVOKE_CHANNELS.saveAs]: saveAsRequestSchema,
    [INVOKE_CHANNELS.exportFile]: exportRequestSchema,
    [INVOKE_CHANNELS.getSettings]: emptySchema,
    [INVOKE_CHANNELS.updateSettings]: settingsChangesSchema,
    [INVOKE_CHANNELS.copyText]: copyTextSchema,
    [INVOKE_CHANNELS.openContainerChoice]: openContainerChoiceSchema,
    [INVOKE_CHANNELS.writeBackMsg]: writeBackRequestSchema,
    [INVOKE_CHANNELS.findContainerVersions]: findContainerVersionsSchema,
    [INVOKE_CHANNELS.openContainerVersion]: openContainerVersionSchema,
    [INVOKE_CHANNELS.pop3Check]: pop3CheckRequestSchema,
    [INVOKE_CHANNELS.listPop3Accounts]: emptySchema,
    [INVOKE_CHANNELS.forgetPop3Account]: pop3AccountKeySchema,
  }) as const satisfies Record<InvokeChannel, z.ZodType>)();

export type InvokePayload<C extends InvokeChannel> = z.output<(typeof INVOKE_SCHEMAS)[C]>;

/**
 * What each row of the IPC table sends is what its channel's schema takes: this fails to
 * compile when a row's payload and its schema drift apart.
 */
export type PayloadChecks = {
  [M in InvokeMethod]: SentPayload<M> extends ReadonlyDeep<
    z.input<(typeof INVOKE_SCHEMAS)[(typeof INVOKE_CHANNELS)[M]]>
  >
    ? true
    : false;
};
/** The contract's requests hold readonly arrays; zod's inputs are mutable ones. */
type ReadonlyDeep<T> = T extends (infer U)[]
  ? readonly ReadonlyDeep<U>[]
  : T extends Uint8Array
    ? T
    : T extends object
      ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> }
      : T;
type AllTrue<T> = false extends T[keyof T] ? false : true;
export type PayloadCheck = Assert<AllTrue<PayloadChecks>>;

/** A payload that failed validation; the message names the field and the rule it broke. */
export class InvalidPayloadError extends Error {
  constructor(
    readonly channel: string,
    readonly issues: readonly string[],
  ) {
    super(`Rejected ${channel} payload: ${issues.join('; ')}`);
    this.name = 'InvalidPayloadError';
  }
}

/** Validates an invoke payload; throws InvalidPayloadError naming every problem. */
export function validateInvokePayload<C extends InvokeChannel>(
  channel: C,
  payload: unknown,
): InvokePayload<C> {
  const schema: z.ZodType = INVOKE_SCHEMAS[channel];
  const result = schema.safeParse(payload);
  if (!result.success) {
    throw new InvalidPayloadError(
      channel,
      result.error.issues.map(
        (issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`,
      ),
    );
  }
  return result.data as InvokePayload<C>;
}

export const pickedPathsSchema = z.array(absolutePath).min(1).max(MAX_PICKED_PATHS);

/** Validates a files-picked notification; returns null when it is malformed. */
export function parsePickedPaths(payload: unknown): string[] | null {
  const result = pickedPathsSchema.safeParse(payload);
  return result.success ? result.data : null;
}

/** Validates a cancel-task notification's id; returns null when it is malformed. */
export function parseTaskId(payload: unknown): string | null {
  const result = taskIdSchema.safeParse(payload);
  return result.success ? result.data : null;
}

/** Validates a document-state notification; returns null when it is malformed. */
export function parseDocumentState(payload: unknown): DocumentState | null {
  const result = documentStateSchema.safeParse(payload);
  return result.success ? result.data : null;
}

// Keep the schemas and the contract's types in step: these fail to compile if they drift.
type Assert<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
export type SchemaChecks = [
  Assert<Same<keyof z.output<typeof openOptionsSchema>, keyof OpenOptions>>,
  Assert<Same<z.output<typeof settingsSchema>, Mutable<Settings>>>,
  Assert<Same<z.output<typeof documentStateSchema>, Mutable<DocumentState>>>,
  Assert<Same<keyof z.output<typeof saveRequestSchema>, keyof SaveRequest>>,
  Assert<Same<keyof z.output<typeof saveAsRequestSchema>, keyof SaveAsRequest>>,
  Assert<Same<keyof z.output<typeof exportRequestSchema>, keyof ExportRequest>>,
  Assert<Same<keyof z.output<typeof writeBackRequestSchema>, keyof WriteBackRequest>>,
  Assert<Same<z.output<typeof pop3CheckRequestSchema>, Mutable<Pop3CheckRequest>>>,
];
