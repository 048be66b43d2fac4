/** Signs an app in by mobile number like a person, reading the phoned code from the dev code log. */
import type { RunningSwitchboard } from '../../switchboard/index.ts';
import type { AppDriver } from './app-driver.ts';
import { loggedCodeCount, waitForLoggedCode } from './code-log.ts';

/**
 * From the mobile-number screen: the number, "Get code", the code phoned for this request (not an
 * earlier one to the same number), then registered.
 */
export async function signInByNumber(app: AppDriver, switchboard: RunningSwitchboard, mobile: string): Promise<void> {
  const ui = app.ui();
  await ui.getByTestId('mobile-input').fill(mobile);
  await ui.getByTestId('check-number').click();
  const codesBefore = loggedCodeCount(switchboard, mobile);
  await ui.getByTestId('get-code').click();
  await ui.getByTestId('code-input').fill(await waitForLoggedCode(switchboard, mobile, codesBefore + 1));
  await app.waitForRegistration('registered', 20_000);
}
