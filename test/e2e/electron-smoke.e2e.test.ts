/**
 * The real Electron app, driven by Playwright's `_electron` mode: launch, sign in, a call
 * to a test peer (baresip) through the reference switchboard, the tray menu, close to
 * tray, quit. It needs an Electron binary on disk (scripts/electron-binary.ts; never
 * downloaded behind your back) and skips itself, saying why, where there is none.
 *
 *   npx install-electron   # or `npm ci` with the Electron download allowed
 *   npm run build && node scripts/in-netns.ts npx vitest run test/e2e/electron-smoke.e2e.test.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary.ts';
import {
  demoUsers,
  startBaresip,
  startSwitchboard,
  type BaresipPhone,
  type RunningSwitchboard,
} from '../../switchboard/index.ts';
import en from '../../src/shared/locales/en.json' with { type: 'json' };
import type { TrayModel } from '../../electron/main/tray-menu.ts';
import type { AppState } from '../../src/shared/domain.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const electronBinary = findElectronBinary();
const SKIP_REASON =
  'skipped: no Electron binary on disk (node_modules/electron/dist is empty: installed with ' +
  'ELECTRON_SKIP_BINARY_DOWNLOAD). Run `npx install-electron` on a machine with internet, then this suite.';
if (!electronBinary) console.warn(`Electron smoke suite ${SKIP_REASON}`);

const [alice, , deskPhone] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0], (typeof demoUsers)[0]];

type Hooks = {
  trayModel(): TrayModel;
  pressTray(action: string): void;
  state(): AppState;
  uiWindowVisible(): boolean;
};

describe.skipIf(!electronBinary)(`Electron smoke${electronBinary ? '' : ` (${SKIP_REASON})`}`, () => {
  let switchboard: RunningSwitchboard;
  let phone: BaresipPhone;
  let electronApp: ElectronApplication;
  let ui: Page;

  /** Calls one of main's test hooks (SWITCHBOARD_TEST_HOOKS) inside the Electron main process. */
  const hook = <T = void>(name: keyof Hooks, arg?: string): Promise<T> =>
    electronApp.evaluate(
      (_electron, [hookName, hookArg]) =>
        (globalThis as unknown as { switchboardTestHooks: Record<string, (arg?: string) => T> }).switchboardTestHooks[
          hookName
        ]!(hookArg),
      [name, arg] as const,
    );

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    switchboard = await startSwitchboard();
    phone = await startBaresip({ switchboard, user: deskPhone, autoAnswer: true });
    electronApp = await _electron.launch({
      executablePath: electronBinary!,
      args: [ROOT, `--user-data-dir=${mkdtempSync(join(tmpdir(), 'switchboard-electron-'))}`, '--lang=en-US'],
      cwd: ROOT,
      env: { ...process.env, SWITCHBOARD_TEST_HOOKS: '1', ELECTRON_ENABLE_LOGGING: '1' },
    });
    // The first window may be the hidden engine's once signed in; the UI is the one showing the UI page.
    ui = await electronApp.firstWindow();
    await phone.waitForRegistered();
  });

  afterAll(async () => {
    await electronApp?.close().catch(() => {});
    await phone?.stop();
    await switchboard?.stop();
  });

  it('launches and signs in with a SIP account', async () => {
    expect(ui.url()).toContain('/ui/index.html');
    await ui.getByTestId('use-sip-account').click();
    await ui.getByLabel(en.signIn.server).fill(switchboard.wsUrl);
    await ui.getByLabel(en.signIn.user).fill(alice.user);
    await ui.getByLabel(en.signIn.password).fill(alice.password);
    await ui.getByLabel(en.signIn.displayName).fill(alice.displayName);
    await ui.getByRole('button', { name: en.signIn.submit, exact: true }).click();
    await expect
      .poll(() => ui.getByTestId('registration-status').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('registered');
  });

  it('calls the desk phone through the switchboard and hangs up', async () => {
    await ui.getByTestId('dial-input').click();
    await ui.keyboard.type(deskPhone.user);
    await ui.getByTestId('call-button').click();
    await phone.waitForEvent('CALL_ESTABLISHED', 20_000);
    await expect
      .poll(() => ui.getByTestId('call-phase').getAttribute('data-phase'), { timeout: 15_000 })
      .toBe('connected');
    await ui.getByTestId('hangup-button').click();
    await phone.waitForEvent('CALL_CLOSED', 15_000);
  });

  it('the tray menu shows who is registered, About, Log out and Quit', async () => {
    const model = await hook<TrayModel>('trayModel');
    expect(model.items[0]).toEqual({
      kind: 'info',
      label: `${alice.displayName} · ${en.registration.status.registered}`,
    });
    expect(model.icon).toEqual({ state: 'registered', missed: false });
    const labels = model.items.flatMap((item) => (item.kind === 'action' ? [item.label] : []));
    expect(labels).toEqual([en.tray.show, en.desktop.tray.about, en.tray.logOut, en.tray.quit]);
    await hook('pressTray', 'about');
    await ui.getByTestId('about-dialog').waitFor();
    await ui.getByTestId('about-close').click();
  });

  it('closing the window closes it to the tray (the window is gone, not hidden) and the phone stays registered', async () => {
    await ui.evaluate(() => window.close());
    await expect.poll(() => hook<boolean>('uiWindowVisible')).toBe(false);
    expect((await hook<AppState>('state')).registration.status).toBe('registered');
    await hook('pressTray', 'show');
    await expect.poll(() => hook<boolean>('uiWindowVisible')).toBe(true);
  });

  it('Quit from the tray ends the app', async () => {
    const closed = electronApp.waitForEvent('close');
    await hook('pressTray', 'quit');
    await closed;
  });
});
