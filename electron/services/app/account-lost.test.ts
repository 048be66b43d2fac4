import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeSecretBox } from '../credentials/index.ts';
import { directoryExportTarget } from '../call-log/export.ts';
import { makeTempDir } from '../fs/temp-dir.ts';
import { createAppCore } from './core.ts';
import { openAppServices } from './open-services.ts';

describe('a damaged saved account at start-up', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir('account-lost')));
  afterEach(() => temp.cleanup());

  const start = async (accountFile: string | Buffer | null, settingsFile?: string) => {
    if (accountFile !== null) writeFileSync(join(temp.dir, 'account.bin'), accountFile);
    if (settingsFile !== undefined) writeFileSync(join(temp.dir, 'settings.json'), settingsFile);
    const reports: string[] = [];
    const services = openAppServices(temp.dir, new NodeSecretBox(join(temp.dir, 'secret.key')), {
      report: (message) => reports.push(message),
    });
    const engineCommands: string[] = [];
    const core = createAppCore({
      engine: { open: async () => {}, close: async () => {}, send: (command) => void engineCommands.push(command) },
      ui: { broadcast: () => {} },
      callLog: services.callLog,
      settings: services.settings,
      credentials: services.credentials,
      directory: services.directory,
      systemLocale: () => 'en',
      exportTarget: directoryExportTarget(join(temp.dir, 'exports')),
    });
    await core.start();
    return { core, services, reports, engineCommands };
  };

  it('garbage in the credentials file: signed out with "please sign in again", no sign-in attempt, no crash', async () => {
    const { core, services, reports, engineCommands } = await start(Buffer.from('not our file at all \x00\xff'));
    expect(core.state.get().account).toBeNull();
    expect(core.state.get().registration).toEqual({ status: 'signed-out', error: 'account-lost', detail: 'corrupt' });
    expect(engineCommands).toEqual([]);
    expect(reports.join('\n')).toMatch(/saved account corrupt/);
    await core.shutdown();
    services.close();
  });

  it('a corrupt settings file as well: defaults, and the same clear message', async () => {
    const { core, services } = await start('{"version":1,"iv":"', '{ this is not json');
    expect(core.state.get().registration.error).toBe('account-lost');
    expect(core.state.get().languagePreference).toBe('system');
    await core.shutdown();
    services.close();
  });

  it('no file at all is the normal first start: no message', async () => {
    const { core, services } = await start(null);
    expect(core.state.get().registration).toEqual({ status: 'signed-out' });
    await core.shutdown();
    services.close();
  });
});
