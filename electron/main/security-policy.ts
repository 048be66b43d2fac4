/**
 * The decisions behind Electron's security hooks, pure so each is unit-tested:
 * which permissions a page gets, where it may navigate, and what window.open does.
 */
import { isWebLink } from '../../src/shared/web-links.ts';
import { isOwnPage } from './own-pages.ts';

/** Only our own pages, and only the microphone (a softphone needs nothing else). */
export function allowPermission(
  permission: string,
  pageUrl: string,
  mediaTypes: readonly string[] | undefined,
): boolean {
  if (permission !== 'media' || !isOwnPage(pageUrl)) return false;
  return mediaTypes !== undefined && mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio');
}

export function allowNavigation(url: string): boolean {
  return isOwnPage(url);
}

/** window.open never opens an Electron window; http(s) links (help, chat messages) go to the user's browser. */
export function windowOpenAction(url: string): { openExternally: boolean } {
  return { openExternally: isWebLink(url) };
}
