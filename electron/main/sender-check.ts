/**
 * Who may talk to main: a message counts only if it comes from the main frame of
 * a window that holds the role (UI or engine) and that frame shows one of our own
 * pages. Pure, so the rule is unit-tested without Electron.
 */
import { isOwnPage } from './own-pages.ts';

export type SenderFacts<Contents> = {
  sender: Contents;
  senderMainFrame: unknown;
  senderFrame: { url: string } | null | undefined;
};

export function isTrustedSender<Contents>(
  facts: SenderFacts<Contents>,
  allowed: readonly (Contents | null)[],
): boolean {
  const frame = facts.senderFrame;
  if (!frame || frame !== facts.senderMainFrame) return false; // an iframe, or a frame already gone
  if (!isOwnPage(frame.url)) return false; // navigated away from our pages somehow
  return allowed.includes(facts.sender);
}
