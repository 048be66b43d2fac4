/**
 * A tel: link clicked in a browser or CRM, or `--dial` from a second launch, puts
 * the number on the running app's dial pad; hostile links put nothing there.
 */
import { describe, expect, it } from 'vitest';
import { handleLaunchArguments, handleOpenedLink } from '../../electron/services/app/launch-arguments.ts';
import { demoUsers } from '../../switchboard/index.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

describe('numbers handed in from outside', () => {
  const { apps } = useSignedInApps({ apps: { alice: { signIn: { sipAccount: demoUsers[0]! } } } });
  const warnings: string[] = [];
  const dialInput = () => apps.alice.ui().getByTestId('dial-input');

  it('a tel: link opens the dial pad with the number, from any tab', async () => {
    await apps.alice.ui().getByRole('tab', { name: apps.alice.strings.tabs.settings }).click();
    handleOpenedLink(apps.alice.host.core, 'tel:+46-70-123%2045%2067', (w) => warnings.push(w));
    await expect.poll(() => dialInput().inputValue(), { timeout: 5000 }).toBe('+46701234567');
  });

  it('a second launch with --dial replaces it', async () => {
    handleLaunchArguments(apps.alice.host.core, ['switchboard', '--dial', '1002'], (w) => warnings.push(w));
    await expect.poll(() => dialInput().inputValue(), { timeout: 5000 }).toBe('1002');
    expect(warnings).toEqual([]);
  });

  it('a javascript: link or a number with control characters changes nothing and is reported', async () => {
    handleOpenedLink(apps.alice.host.core, 'javascript:alert(1)', (w) => warnings.push(w));
    handleLaunchArguments(apps.alice.host.core, ['switchboard', '--dial=12\u000734'], (w) => warnings.push(w));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await dialInput().inputValue()).toBe('1002');
    expect(warnings).toEqual([
      'refused a link to dial (unsupported-scheme)',
      'refused a number to dial from the command line (control-characters)',
    ]);
  });
});
