/**
 * The codes the development code caller (DevLogCodeCaller) "phoned": it writes them to the
 * switchboard run's codes.log instead of calling. For tests whose subject is not the call itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSwitchboard } from '../../switchboard/index.ts';

function codesPhoned(switchboard: RunningSwitchboard, mobile: string): string[] {
  let log: string;
  try {
    log = readFileSync(join(switchboard.runDir, 'codes.log'), 'utf8');
  } catch {
    return [];
  }
  return log
    .split('\n')
    .filter((line) => line.split(' ')[1] === mobile)
    .map((line) => /code (\d{4})$/.exec(line)?.[1])
    .filter((code): code is string => code !== undefined);
}

/** Waits for the `count`-th code logged for this number (E.164) and returns it. */
export async function waitForLoggedCode(
  switchboard: RunningSwitchboard,
  mobile: string,
  count: number,
  timeoutMs = 10_000,
): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const codes = codesPhoned(switchboard, mobile);
    if (codes.length >= count) return codes[count - 1]!;
    if (Date.now() > until) throw new Error(`No code #${count} for ${mobile} in codes.log`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How many codes were logged for this number so far. */
export const loggedCodeCount = (switchboard: RunningSwitchboard, mobile: string) =>
  codesPhoned(switchboard, mobile).length;
