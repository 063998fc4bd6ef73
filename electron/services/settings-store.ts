/**
 * The user's settings (contract.ts `Settings`), kept as JSON in the userData folder. A setting
 * that is missing or not understood falls back to its default on its own, so one bad value
 * (or a file from a newer version with more keys) does not reset the others.
 */
import type { Settings } from '../../shared/host/contract.js';
import { DEFAULT_SETTINGS } from '../../shared/host/contract.js';
import { settingsSchema } from '../../shared/host/ipc.js';
import { readJsonFile, writeJsonFile, type JsonFileOptions } from './json-file.js';
import { serialQueue } from './serial-queue.js';

export interface SettingsStoreOptions extends JsonFileOptions {
  /** The JSON file, e.g. `<userData>/settings.json`. */
  readonly file: string;
}

/** Some settings to change; an undefined value leaves that setting as it is. */
export type SettingsChanges = { readonly [K in keyof Settings]?: Settings[K] | undefined };

export interface SettingsStore {
  get(): Promise<Settings>;
  /** Applies the changes (validated), saves, and returns the settings now in force. */
  update(changes: SettingsChanges): Promise<Settings>;
}

/** The stored settings, field by field: each valid value kept, each other one defaulted. */
export function interpretSettings(value: unknown): Settings | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const stored = value as Record<string, unknown>;
  const fields = settingsSchema.shape;
  const theme = fields.theme.safeParse(stored['theme']);
  const timeZone = fields.timeZone.safeParse(stored['timeZone']);
  const openReadOnly = fields.openReadOnly.safeParse(stored['openReadOnly']);
  return settingsSchema.parse({
    theme: theme.success ? theme.data : DEFAULT_SETTINGS.theme,
    timeZone: timeZone.success ? timeZone.data : DEFAULT_SETTINGS.timeZone,
    openReadOnly: openReadOnly.success ? openReadOnly.data : DEFAULT_SETTINGS.openReadOnly,
  });
}

export function createSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const warn = options.onWarning ?? (() => {});
  let current: Settings | undefined;
  const serialized = serialQueue();

  async function load(): Promise<Settings> {
    current ??= (await readJsonFile(options.file, interpretSettings, options)) ?? DEFAULT_SETTINGS;
    return current;
  }

  return {
    get: () => serialized(load),
    update: (changes) =>
      serialized(async () => {
        const defined = Object.fromEntries(
          Object.entries(changes).filter(([, value]) => value !== undefined),
        );
        // Throws on an invalid value: callers validate first, this is the last line.
        const next: Settings = settingsSchema.parse({ ...(await load()), ...defined });
        current = next;
        try {
          await writeJsonFile(options.file, next, options);
        } catch (error) {
          warn(
            `Cannot save the settings to ${options.file}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        return next;
      }),
  };
}
