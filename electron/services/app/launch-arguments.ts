/**
 * What a launch or a second launch hands the running app: `--dial NUMBER` or a
 * tel:/sip:/callto: link. Electron's main process and the browser host both pass
 * their argv (or an opened URL) here, through the composed app (compose-app.ts).
 */
import { dialArgument, parseDialLink } from '../../../src/shared/dial-link.ts';
import type { AppCore } from './core.ts';

/** "Call links at once" (a desktop setting): dial instead of filling the dial pad, when signed in. */
export type DialOptions = { dialAtOnce?: () => boolean };

type DialTargets = Pick<AppCore, 'state' | 'calls'>;

export function handleLaunchArguments(
  core: DialTargets,
  argv: readonly string[],
  warn: (message: string) => void,
  options: DialOptions = {},
): void {
  const result = dialArgument(argv);
  if (!result) return;
  if (result.ok) void dialOrShow(core, result.target, options, warn);
  else warn(`refused a number to dial from the command line (${result.reason})`);
}

export function handleOpenedLink(
  core: DialTargets,
  url: string,
  warn: (message: string) => void,
  options: DialOptions = {},
): void {
  const result = parseDialLink(url);
  if (result.ok) void dialOrShow(core, result.target, options, warn);
  else warn(`refused a link to dial (${result.reason})`);
}

async function dialOrShow(
  { state, calls }: DialTargets,
  target: string,
  options: DialOptions,
  warn: (message: string) => void,
): Promise<void> {
  const busy = state.liveCalls().length > 0;
  if (options.dialAtOnce?.() && !busy && state.isRegistered()) {
    try {
      const outcome = await calls.dial(target);
      if (outcome.kind !== 'refused') return;
      warn(`could not call the link at once (${outcome.reason})`);
    } catch (error) {
      warn(`could not call the link at once (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  // Not signed in, in a call, refused, or the setting is off: the number waits on the dial pad.
  calls.showOnDialPad(target);
}
