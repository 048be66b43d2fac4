import { z } from 'zod';
import type { KeyValueStore } from './key-value-store.ts';
import {
  SETTING_KEYS,
  SettingsPatchSchema,
  SettingsSchema,
  type Settings,
  type SettingsPatch,
} from './settings-schema.ts';

export interface SettingsIssue {
  /** Dotted path of the offending field, e.g. "languagePreference"; empty for the whole patch. */
  path: string;
  message: string;
}

export class SettingsValidationError extends Error {
  readonly issues: readonly SettingsIssue[];
  constructor(issues: SettingsIssue[]) {
    super(`Invalid settings: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`);
    this.name = 'SettingsValidationError';
    this.issues = issues;
  }
}

export interface InvalidStoredSetting {
  key: keyof Settings;
  value: unknown;
  message: string;
}

export interface SettingsServiceOptions {
  /** Told about stored values that no longer validate; those keys read their defaults. */
  onInvalidStored?: (problem: InvalidStoredSetting) => void;
}

type Listener = (settings: Settings) => void;

/** Typed, validated settings over any KeyValueStore. One key per setting, so adapters stay trivial. */
export class SettingsService {
  readonly #store: KeyValueStore;
  readonly #listeners = new Set<Listener>();
  #current: Settings;

  constructor(store: KeyValueStore, options: SettingsServiceOptions = {}) {
    this.#store = store;
    this.#current = readAll(store, options.onInvalidStored);
  }

  getSettings(): Settings {
    return structuredClone(this.#current);
  }

  /** Validates the whole patch before writing any of it; throws SettingsValidationError. */
  updateSettings(patch: SettingsPatch): Settings {
    const parsed = SettingsPatchSchema.safeParse(patch);
    if (!parsed.success) throw new SettingsValidationError(toIssues(parsed.error));
    const next: Settings = { ...this.#current };
    for (const key of SETTING_KEYS) {
      // Only what the caller sent: the patch schema fills every other key with its default, which must not
      // overwrite a stored choice (changing the language once reset the history retention).
      if (!Object.hasOwn(patch, key)) continue;
      const value = parsed.data[key];
      if (value === undefined) continue;
      this.#store.set(key, value);
      (next as Record<keyof Settings, unknown>)[key] = value;
    }
    this.#current = next;
    for (const listener of this.#listeners) listener(this.getSettings());
    return this.getSettings();
  }

  /** Returns an unsubscribe function. */
  onDidChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

function readAll(store: KeyValueStore, onInvalid: SettingsServiceOptions['onInvalidStored']): Settings {
  const raw: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const value = store.get(key);
    if (value === undefined) continue;
    // Validate key by key so one bad value costs only that setting, not all of them.
    const field = SettingsSchema.shape[key].safeParse(value);
    if (field.success) raw[key] = value;
    else onInvalid?.({ key, value, message: z.prettifyError(field.error) });
  }
  return SettingsSchema.parse(raw);
}

function toIssues(error: z.ZodError): SettingsIssue[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return { path: issue.keys.join(', '), message: 'Unknown setting' };
    }
    return { path: issue.path.map(String).join('.'), message: issue.message };
  });
}
