/**
 * A tel: link clicked in a browser or CRM, or `--dial` from a second launch, puts
 * the number on the running app's dial pad; hostile links put nothing there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleLaunchArguments, handleOpenedLink } from '../../electron/services/app/launch-arguments.ts';
import { demoUsers, startSwitchboard, type RunningSwitchboard } from '../../switchboard/index.ts';
import { startApp, type AppDriver } from '../support/app-driver.ts';

describe('numbers handed in from outside', () => {
  let switchboard: RunningSwitchboard;
  let app: AppDriver;
  const warnings: string[] = [];
  const dialInput = () => app.ui().getByTestId('dial-input');

  beforeAll(async () => {
    switchboard = await startSwitchboard();
    app = await startApp({ switchboard });
    await app.signIn(demoUsers[0]!);
    await app.waitForRegistration('registered');
  });

  afterAll(async () => {
    await app?.stop();
    await switchboard?.stop();
  });

  it('a tel: link opens the dial pad with the number, from any tab', async () => {
    await app.ui().getByRole('tab', { name: app.strings.tabs.settings }).click();
    handleOpenedLink(app.host.core, 'tel:+46-70-123%2045%2067', (w) => warnings.push(w));
    await expect.poll(() => dialInput().inputValue(), { timeout: 5000 }).toBe('+46701234567');
  });

  it('a second launch with --dial replaces it', async () => {
    handleLaunchArguments(app.host.core, ['switchboard', '--dial', '1002'], (w) => warnings.push(w));
    await expect.poll(() => dialInput().inputValue(), { timeout: 5000 }).toBe('1002');
    expect(warnings).toEqual([]);
  });

  it('a javascript: link or a number with control characters changes nothing and is reported', async () => {
    handleOpenedLink(app.host.core, 'javascript:alert(1)', (w) => warnings.push(w));
    handleLaunchArguments(app.host.core, ['switchboard', '--dial=12\u000734'], (w) => warnings.push(w));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await dialInput().inputValue()).toBe('1002');
    expect(warnings).toEqual([
      'refused a link to dial (unsupported-scheme)',
      'refused a number to dial from the command line (control-characters)',
    ]);
  });
});
