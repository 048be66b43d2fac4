/**
 * What a launch or a second launch hands the running app: `--dial NUMBER` or a
 * tel:/sip:/callto: link. Electron's main process and the browser host both pass
 * their argv (or an opened URL) here.
 */
import { dialArgument, parseDialLink } from '../../../src/shared/dial-link.ts';
import type { AppCore } from './app-core.ts';

export function handleLaunchArguments(core: AppCore, argv: readonly string[], warn: (message: string) => void): void {
  const result = dialArgument(argv);
  if (!result) return;
  if (result.ok) core.requestDial(result.target);
  else warn(`refused a number to dial from the command line (${result.reason})`);
}

export function handleOpenedLink(core: AppCore, url: string, warn: (message: string) => void): void {
  const result = parseDialLink(url);
  if (result.ok) core.requestDial(result.target);
  else warn(`refused a link to dial (${result.reason})`);
}
