/**
 * Diagnostics (issue 15): a person signs in by mobile number with a phoned code, a colleague
 * signs in with a SIP account and its password, and they talk. Both apps keep log files under
 * <dataDir>/logs that show the registration and the call's id but none of the secrets used (the
 * code, the SIP passwords, the device token); Settings › About › "Export diagnostics", clicked
 * like a person, writes one zip with those logs, the settings and the versions.
 * Codes come from the development code caller's log: the phoned code is number-sign-in's subject.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CredentialStore, NodeSecretBox } from '../../electron/services/credentials/index.ts';
import { readZip } from '../../electron/services/diagnostics/test-support/read-zip.ts';
import { demoUsers } from '../../switchboard/index.ts';
import { demoMobile, demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import packageJson from '../../package.json' with { type: 'json' };
import type { AppDriver } from '../support/app-driver.ts';
import { loggedCodeCount, waitForLoggedCode } from '../support/code-log.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const bob = demoUsers[1]!;
const wang = demoPeople[0]!;

/** Every log file of an app (current and rotated), as one text. */
const allLogs = (app: AppDriver) => {
  const dir = join(app.dataDir, 'logs');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.log'))
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
};

/** The JSON lines of log text that carry this message and these fields. */
const linesWith = (text: string, msg: string, fields: Record<string, unknown>) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === msg && Object.entries(fields).every(([key, value]) => line[key] === value));

/**
 * Whether `secret` appears in log text as a value of its own. Timestamps and process ids are left
 * out first: a 4-digit code could be this year or a pid by chance, and neither is a leak.
 */
const leaks = (text: string, secret: string) =>
  new RegExp(`(?<![0-9A-Za-z])${secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9A-Za-z])`).test(
    text.replace(/"time":"[^"]*"/g, '').replace(/"pid":\d+/g, ''),
  );

describe('diagnostics: log files a user can send, never holding a secret', () => {
  const { apps, switchboard } = useSignedInApps({
    switchboard: { provisioning: true },
    apps: { wang: { signIn: { mobile: demoMobile } }, bob: { signIn: { sipAccount: bob } } },
  });
  const wangApp = () => apps.wang;
  const bobApp = () => apps.bob;
  const secrets = new Map<string, string>();
  const callIds = { wang: '', bob: '' };

  it('one signed in by mobile number with the phoned code, the other with a SIP account and its password', async () => {
    // The code phoned for the sign-in is the last one logged for the number.
    const code = await waitForLoggedCode(switchboard(), demoMobile, loggedCodeCount(switchboard(), demoMobile));
    // The secrets as this computer holds them: the issued SIP password and device token, decrypted.
    const saved = new CredentialStore({
      filePath: join(wangApp().dataDir, 'account.bin'),
      secretBox: new NodeSecretBox(join(wangApp().dataDir, 'secret.key')),
    }).load();
    expect(saved?.provisioned?.token.length).toBeGreaterThanOrEqual(16);
    secrets.set('sign-in code', code);
    secrets.set('issued SIP password', saved!.password);
    secrets.set('device token', saved!.provisioned!.token);
    secrets.set('typed SIP password', bob.password);
  });

  it('they call: the colleague dials, the other answers, the colleague hangs up', async () => {
    await bobApp().dial(wang.extension);
    await wangApp().waitForIncomingCall();
    await wangApp().answer();
    await Promise.all([bobApp().waitForCallPhase('connected'), wangApp().waitForCallPhase('connected')]);
    callIds.bob = bobApp().host.core.state.get().calls[0]!.id;
    callIds.wang = wangApp().host.core.state.get().calls[0]!.id;
    await bobApp().hangup();
    await Promise.all([bobApp().waitForCallPhase(null), wangApp().waitForCallPhase(null)]);
  });

  it('Settings › About › Export diagnostics saves one zip with the logs, the settings and the versions', async () => {
    const ui = wangApp().ui();
    await wangApp().openTab('settings');
    await ui.getByTestId('open-about').click();
    await ui.getByTestId('export-diagnostics').click();
    const saved = ui.getByTestId('diagnostics-saved');
    await saved.waitFor();
    await wangApp().screenshot('en-about-diagnostics-saved');

    const exportsDir = join(wangApp().dataDir, 'exports');
    const [zipName, ...others] = readdirSync(exportsDir).filter((name) => name.endsWith('.zip'));
    expect(others).toEqual([]);
    expect(await saved.innerText()).toBe(
      wangApp().strings.desktop.diagnostics.saved.replace('{{path}}', join(exportsDir, zipName!)),
    );
    const files = await readZip(join(exportsDir, zipName!));
    expect([...files.keys()]).toEqual(
      expect.arrayContaining([
        'README.txt',
        'system.json',
        'settings.json',
        'desktop-settings.json',
        'logs/main.log',
        'logs/engine.log',
      ]),
    );
    // Main's own lines (the core) and the engine page's, each in its file.
    const mainLog = files.get('logs/main.log')!;
    expect(linesWith(mainLog, 'registration', { status: 'registered' }).length).toBeGreaterThan(0);
    expect(linesWith(mainLog, 'call', { callId: callIds.wang, phase: 'connected' })).toHaveLength(1);
    const engineLog = files.get('logs/engine.log')!;
    expect(linesWith(engineLog, 'registration', { status: 'registered' }).length).toBeGreaterThan(0);
    expect(linesWith(engineLog, 'call', { callId: callIds.wang, phase: 'connected' })).toHaveLength(1);
    const system = JSON.parse(files.get('system.json')!) as {
      app: { version: string };
      runtime: Record<string, string>;
      os: Record<string, unknown>;
    };
    expect(system.app.version).toBe(packageJson.version);
    expect(system.runtime.chromium).toMatch(/^\d+\.\d+/);
    expect(system.os).toMatchObject({ platform: process.platform, arch: process.arch });
    expect(JSON.parse(files.get('settings.json')!)).toMatchObject({ provisioningUrl: expect.any(String) });

    const everything = [...files.values()].join('\n');
    for (const [what, secret] of secrets) expect(leaks(everything, secret), `${what} in the zip`).toBe(false);
  });

  it('after quitting, the log files show the registrations and calls, and no secret used', async () => {
    await Promise.all([wangApp().stop(), bobApp().stop()]);
    const logs = { wang: allLogs(wangApp()), bob: allLogs(bobApp()) };
    for (const who of ['wang', 'bob'] as const) {
      expect(linesWith(logs[who], 'registration', { status: 'registered' }).length).toBeGreaterThan(0);
      const phases = linesWith(logs[who], 'call', { callId: callIds[who] }).map((line) => line.phase);
      expect(phases).toEqual(expect.arrayContaining(['connected', 'ended']));
      for (const [what, secret] of secrets) expect(leaks(logs[who], secret), `${what} in ${who}'s logs`).toBe(false);
    }
  });
});
