/** Signs an app in by mobile number like a person, reading the phoned code from the dev code log. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSwitchboard } from '../../switchboard/index.ts';
import type { AppDriver } from './app-driver.ts';

export async function signInByNumber(app: AppDriver, switchboard: RunningSwitchboard, mobile: string): Promise<void> {
  await app.ui().getByTestId('mobile-input').fill(mobile);
  await app.ui().getByTestId('check-number').click();
  await app.ui().getByTestId('get-code').click();
  const code = await waitForCode(switchboard, mobile);
  await app.ui().getByTestId('code-input').fill(code);
  await app.waitForRegistration('registered', 20_000);
}

/** The last code the dev code caller "phoned" to this number. */
export function issuedCode(switchboard: RunningSwitchboard, mobile: string): string | null {
  let log: string;
  try {
    log = readFileSync(join(switchboard.runDir, 'codes.log'), 'utf8');
  } catch {
    return null;
  }
  const codes = log
    .split('\n')
    .filter((line) => line.split(' ')[1] === mobile)
    .map((line) => /code (\d{4})$/.exec(line)?.[1]);
  return codes.at(-1) ?? null;
}

export async function waitForCode(
  switchboard: RunningSwitchboard,
  mobile: string,
  timeoutMs = 10_000,
): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const code = issuedCode(switchboard, mobile);
    if (code) return code;
    if (Date.now() > until) throw new Error(`No code for ${mobile} in codes.log`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
