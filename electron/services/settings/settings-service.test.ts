import { DEFAULT_AUDIO_SETTINGS } from '../../../src/shared/audio.ts';
import { DEFAULT_AGENT_SETTINGS } from '../../../src/shared/presence.ts';
import { DEFAULT_DISPLAY_SETTINGS } from '../../../src/shared/display.ts';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../fs/temp-dir.ts';
import { JsonFileStore, type JsonFileProblem } from './json-file-store.ts';
import { MemoryStore } from './key-value-store.ts';
import { SettingsService, SettingsValidationError, type InvalidStoredSetting } from './settings-service.ts';

describe('SettingsService', () => {
  it('starts from defaults on an empty store', () => {
    expect(new SettingsService(new MemoryStore()).getSettings()).toEqual({
      languagePreference: 'system',
      historyRetention: 'forever',
      provisioningUrl: '',
      audio: DEFAULT_AUDIO_SETTINGS,
      agent: DEFAULT_AGENT_SETTINGS,
      display: DEFAULT_DISPLAY_SETTINGS,
      stations: {},
    });
  });

  it('updates, persists through the store and notifies listeners', () => {
    const store = new MemoryStore();
    const service = new SettingsService(store);
    const seen: unknown[] = [];
    const unsubscribe = service.onDidChange((s) => seen.push(s));
    expect(service.updateSettings({ languagePreference: 'zh-CN' })).toEqual({
      languagePreference: 'zh-CN',
      historyRetention: 'forever',
      provisioningUrl: '',
      audio: DEFAULT_AUDIO_SETTINGS,
      agent: DEFAULT_AGENT_SETTINGS,
      display: DEFAULT_DISPLAY_SETTINGS,
      stations: {},
    });
    unsubscribe();
    service.updateSettings({ languagePreference: 'en' });
    expect(seen).toEqual([
      {
        languagePreference: 'zh-CN',
        historyRetention: 'forever',
        provisioningUrl: '',
        audio: DEFAULT_AUDIO_SETTINGS,
        agent: DEFAULT_AGENT_SETTINGS,
        display: DEFAULT_DISPLAY_SETTINGS,
        stations: {},
      },
    ]);
    expect(new SettingsService(store).getSettings()).toEqual({
      languagePreference: 'en',
      historyRetention: 'forever',
      provisioningUrl: '',
      audio: DEFAULT_AUDIO_SETTINGS,
      agent: DEFAULT_AGENT_SETTINGS,
      display: DEFAULT_DISPLAY_SETTINGS,
      stations: {},
    });
  });

  it('treats an empty patch as a no-op', () => {
    const service = new SettingsService(new MemoryStore());
    expect(service.updateSettings({})).toEqual({
      languagePreference: 'system',
      historyRetention: 'forever',
      provisioningUrl: '',
      audio: DEFAULT_AUDIO_SETTINGS,
      agent: DEFAULT_AGENT_SETTINGS,
      display: DEFAULT_DISPLAY_SETTINGS,
      stations: {},
    });
  });

  it('rejects an invalid value with a message naming the field and the allowed values, writing nothing', () => {
    const store = new MemoryStore();
    const service = new SettingsService(store);
    const attempt = () => service.updateSettings({ languagePreference: 'de' as never });
    expect(attempt).toThrow(SettingsValidationError);
    try {
      attempt();
    } catch (error) {
      const { issues, message } = error as SettingsValidationError;
      expect(issues).toHaveLength(1);
      expect(issues[0]?.path).toBe('languagePreference');
      expect(message).toMatch(/^Invalid settings: languagePreference: .*"system".*"zh-CN".*"en".*"sv".*"fr"/);
    }
    expect(store.get('languagePreference')).toBeUndefined();
  });

  it('rejects unknown settings by name', () => {
    const service = new SettingsService(new MemoryStore());
    expect(() => service.updateSettings({ theme: 'dark' } as never)).toThrow(
      'Invalid settings: theme: Unknown setting',
    );
  });

  it('falls back to the default for a stored value that no longer validates, and reports it', () => {
    const store = new MemoryStore();
    store.set('languagePreference', 'klingon');
    const problems: InvalidStoredSetting[] = [];
    const service = new SettingsService(store, { onInvalidStored: (p) => problems.push(p) });
    expect(service.getSettings()).toEqual({
      languagePreference: 'system',
      historyRetention: 'forever',
      provisioningUrl: '',
      audio: DEFAULT_AUDIO_SETTINGS,
      agent: DEFAULT_AGENT_SETTINGS,
      display: DEFAULT_DISPLAY_SETTINGS,
      stations: {},
    });
    expect(problems).toMatchObject([{ key: 'languagePreference', value: 'klingon' }]);
  });

  it('hands out copies so callers cannot mutate its state', () => {
    const service = new SettingsService(new MemoryStore());
    (service.getSettings() as { languagePreference: string }).languagePreference = 'en';
    expect(service.getSettings().languagePreference).toBe('system');
  });
});

describe('JsonFileStore', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let path: string;

  beforeEach(() => {
    temp = makeTempDir('settings');
    path = join(temp.dir, 'nested', 'settings.json');
  });
  afterEach(() => temp.cleanup());

  it('creates the file on first write and reads it back in a new instance', () => {
    const store = new JsonFileStore(path);
    expect(store.loadProblem).toBeNull();
    store.set('languagePreference', 'zh-CN');
    store.set('other', { nested: [1, 2] });
    store.delete('other');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ languagePreference: 'zh-CN' });
    expect(new JsonFileStore(path).get('languagePreference')).toBe('zh-CN');
  });

  it('leaves no temp files behind', () => {
    const store = new JsonFileStore(path);
    for (let i = 0; i < 5; i += 1) store.set('n', i);
    expect(readdirSync(join(temp.dir, 'nested'))).toEqual(['settings.json']);
  });

  it.each([
    ['truncated JSON', '{"languagePreference": "zh'],
    ['not an object', '["zh-CN"]'],
    ['binary noise', '\u0000\u0001\u0002'],
  ])('starts from defaults on a corrupt file (%s), reports it and keeps the bad copy', (_label, contents) => {
    mkdirSync(join(temp.dir, 'nested'), { recursive: true });
    writeFileSync(path, contents);
    const problems: JsonFileProblem[] = [];
    const store = new JsonFileStore(path, { onProblem: (p) => problems.push(p) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'corrupt', movedTo: `${path}.corrupt` });
    expect(store.loadProblem).toEqual(problems[0]);
    expect(readFileSync(`${path}.corrupt`, 'utf8')).toBe(contents);

    const service = new SettingsService(store);
    expect(service.getSettings()).toEqual({
      languagePreference: 'system',
      historyRetention: 'forever',
      provisioningUrl: '',
      audio: DEFAULT_AUDIO_SETTINGS,
      agent: DEFAULT_AGENT_SETTINGS,
      display: DEFAULT_DISPLAY_SETTINGS,
      stations: {},
    });
    service.updateSettings({ languagePreference: 'en' });
    expect(new SettingsService(new JsonFileStore(path)).getSettings()).toEqual({
      languagePreference: 'en',
      historyRetention: 'forever',
      provisioningUrl: '',
      audio: DEFAULT_AUDIO_SETTINGS,
      agent: DEFAULT_AGENT_SETTINGS,
      display: DEFAULT_DISPLAY_SETTINGS,
      stations: {},
    });
  });
});

describe('SettingsService patches', () => {
  it('change only the keys sent: setting the language keeps the history retention and provisioning URL', () => {
    const settings = new SettingsService(new MemoryStore());
    settings.updateSettings({ historyRetention: '90d', provisioningUrl: 'https://prov.example.com' });
    settings.updateSettings({ languagePreference: 'en' });
    expect(settings.getSettings()).toEqual({
      languagePreference: 'en',
      historyRetention: '90d',
      provisioningUrl: 'https://prov.example.com',
      audio: DEFAULT_AUDIO_SETTINGS,
      agent: DEFAULT_AGENT_SETTINGS,
      display: DEFAULT_DISPLAY_SETTINGS,
      stations: {},
    });
  });
});
