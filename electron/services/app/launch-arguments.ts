/**
 * What a launch or a second launch hands the running app: `--dial NUMBER` or a
 * tel:/sip:/callto: link. Electron's main process and the browser host both pass
 * their argv (or an opened URL) here.
 */
import { dialArgument, parseDialLink } from '../../../src/shared/dial-link.ts';
import type { AppCore } from './app-core.ts';

/** "Call links at once" (a desktop setting): dial instead of filling the dial pad, when signed in. */
export type DialOptions = { dialAtOnce?: () => boolean };

export function handleLaunchArguments(
  core: AppCore,
  argv: readonly string[],
  warn: (message: string) => void,
  options: DialOptions = {},
): void {
  const result = dialArgument(argv);
  if (!result) return;
  if (result.ok) dialOrShow(core, result.target, options, warn);
  else warn(`refused a number to dial from the command line (${result.reason})`);
}

export function handleOpenedLink(
  core: AppCore,
  url: string,
  warn: (message: string) => void,
  options: DialOptions = {},
): void {
  const result = parseDialLink(url);
  if (result.ok) dialOrShow(core, result.target, options, warn);
  else warn(`refused a link to dial (${result.reason})`);
}

function dialOrShow(core: AppCore, target: string, options: DialOptions, warn: (message: string) => void): void {
  const busy = core.getState().calls.some((call) => call.phase !== 'ended');
  if (options.dialAtOnce?.() && !busy && core.getState().registration.status === 'registered') {
    try {
      core.dial(target);
      return;
    } catch (error) {
      warn(`could not call the link at once (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  // Not signed in, in a call, or the setting is off: the number waits on the dial pad.
  core.requestDial(target);
}
