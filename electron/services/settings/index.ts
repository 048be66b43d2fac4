export type { KeyValueStore } from './key-value-store.ts';
export { MemoryStore } from './key-value-store.ts';
export { JsonFileStore } from './json-file-store.ts';
export type { JsonFileProblem, JsonFileStoreOptions } from './json-file-store.ts';
export { SettingsSchema, SettingsPatchSchema } from './settings-schema.ts';
export type { Settings, SettingsPatch } from './settings-schema.ts';
export { SettingsService, SettingsValidationError } from './settings-service.ts';
export type { InvalidStoredSetting, SettingsIssue, SettingsServiceOptions } from './settings-service.ts';
