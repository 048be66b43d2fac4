import { DEFAULT_AGENT_SETTINGS } from '../../../src/shared/presence.ts';
import { DEFAULT_DISPLAY_SETTINGS } from '../../../src/shared/display.ts';
import { DEFAULT_AUDIO_SETTINGS } from '../../../src/shared/audio.ts';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeSecretBox } from '../credentials/index.ts';
import { makeTempDir } from '../fs/temp-dir.ts';
import { recordingLogger } from '../log/test-support/recording-logger.ts';
import { openAppServices } from './open-services.ts';

describe('openAppServices', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let messages: string[];
  const open = () =>
    openAppServices(temp.dir, new NodeSecretBox(join(temp.dir, 'secret.key')), { report: (m) => messages.push(m) });

  beforeEach(() => {
    temp = makeTempDir('services');
    messages = [];
  });
  afterEach(() => temp.cleanup());

  it('opens fresh services and closes calls left open by the previous run', () => {
    const first = open();
    expect(first.settings.getSettings()).toEqual({
      languagePreference: 'system',
      historyRetention: 'forever',
      provisioningUrl: '',
      audio: DEFAULT_AUDIO_SETTINGS,
      agent: DEFAULT_AGENT_SETTINGS,
      display: DEFAULT_DISPLAY_SETTINGS,
      stations: {},
    });
    expect(first.credentials.load()).toBeNull();
    first.callLog.recordCallStarted({
      id: 'c1',
      direction: 'incoming',
      phase: 'incoming',
      remoteNumber: '1',
      startedAt: 1,
    });
    first.close();

    const second = open();
    expect(second.recoveredCalls).toBe(1);
    expect(second.callLog.list({ limit: 1 })[0]?.outcome).toBe('interrupted');
    second.close();
    expect(messages).toEqual(['closed 1 call(s) left open by a previous crash']);
  });

  it('starts despite a corrupt settings file and a corrupt call log, reporting both', () => {
    writeFileSync(join(temp.dir, 'settings.json'), '{oops');
    writeFileSync(join(temp.dir, 'calls.sqlite'), 'this is not a database, just bytes '.repeat(200));
    const services = open();
    expect(services.settings.getSettings().languagePreference).toBe('system');
    expect(services.callLog.list({ limit: 10 })).toEqual([]);
    services.close();
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^settings file corrupt/);
    expect(messages[1]).toMatch(/^call log unreadable/);
    expect(readdirSync(temp.dir).some((f) => /^calls\.sqlite\.corrupt-\d+$/.test(f))).toBe(true);
  });

  it('a damaged directory copy is set aside and starts empty (it is fetched again at the next sync)', () => {
    writeFileSync(join(temp.dir, 'directory.sqlite'), 'not a directory either '.repeat(200));
    const services = open();
    expect(services.directory.count()).toBe(0);
    services.close();
    expect(messages).toEqual([expect.stringMatching(/^directory unreadable/)]);
    expect(readdirSync(temp.dir).some((f) => /^directory\.sqlite\.corrupt-\d+$/.test(f))).toBe(true);
  });

  it('without a report callback, each problem is a warning in the log (main.log in the app)', () => {
    writeFileSync(join(temp.dir, 'settings.json'), '{oops');
    const log = recordingLogger();
    openAppServices(temp.dir, new NodeSecretBox(join(temp.dir, 'secret.key')), { log }).close();
    expect(log.lines).toEqual([
      { level: 'warn', message: expect.stringMatching(/^settings file corrupt/), fields: {} },
    ]);
  });
});
