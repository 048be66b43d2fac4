/**
 * Whether quitting needs the user's yes, and the words to ask with: quitting ends a
 * call, so during one the app asks first. Logging out from the tray always asks. Pure, so both languages are unit-tested;
 * main.ts shows it with dialog.showMessageBox.
 */
import type { AppState } from '../../src/shared/domain.ts';
import { wordsFor } from '../../src/shared/locales/dictionaries.ts';

export type QuitQuestion = { title: string; body: string; confirm: string; cancel: string };

export function quitConfirmation(state: Pick<AppState, 'calls' | 'language'>): QuitQuestion | null {
  const call = state.calls.find((candidate) => candidate.phase !== 'ended');
  if (!call) return null;
  const words = wordsFor(state.language).desktop.quit;
  const caller = call.remoteName?.trim() || call.remoteNumber;
  return {
    title: words.title,
    body: words.body.replace('{{caller}}', caller),
    confirm: words.confirm,
    cancel: words.cancel,
  };
}

/**
 * Issue 10: for a number-signed-in agent, Log out and Quit are refused (not asked) during a connected call
 * or after-call work, since either would leave the work half done. 'call' or 'acw' says why; null: allowed.
 */
export function leaveRefusal(state: Pick<AppState, 'calls' | 'agent'>): 'call' | 'acw' | null {
  const agent = state.agent;
  if (!agent || agent.availability === 'needs-number-sign-in') return null;
  const talking = state.calls.some((call) => call.phase === 'connected' || call.phase === 'connecting');
  if (talking || agent.status === 'on-call') return 'call';
  if (agent.status === 'after-call-work') return 'acw';
  return null;
}

/** The words for a refused Quit, for the message box main shows instead of quitting. */
export function quitRefusedMessage(
  state: Pick<AppState, 'calls' | 'agent' | 'language'>,
): { title: string; ok: string } | null {
  const refusal = leaveRefusal(state);
  if (!refusal) return null;
  const words = wordsFor(state.language).agent.tray;
  const reason = refusal === 'acw' ? words.finishAcw : words.finishCall;
  return { title: words.quitRefused.replace('{{reason}}', reason), ok: words.ok };
}

/** Log out forgets the saved account, so the tray asks first (it is refused outright during a call). */
export function logOutConfirmation(language: AppState['language']): QuitQuestion {
  const words = wordsFor(language).desktop.logOut;
  return { title: words.title, body: words.body, confirm: words.confirm, cancel: words.cancel };
}
