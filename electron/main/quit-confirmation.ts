/**
 * Whether quitting needs the user's yes, and the words to ask with: quitting ends a
 * call, so during one the app asks first. Logging out from the tray always asks. Pure, so both languages are unit-tested;
 * main.ts shows it with dialog.showMessageBox.
 */
import type { AppState } from '../../src/shared/domain.ts';
import en from '../../src/ui/i18n/en.json' with { type: 'json' };
import zhCN from '../../src/ui/i18n/zh-CN.json' with { type: 'json' };

export type QuitQuestion = { title: string; body: string; confirm: string; cancel: string };

export function quitConfirmation(state: Pick<AppState, 'calls' | 'language'>): QuitQuestion | null {
  const call = state.calls.find((candidate) => candidate.phase !== 'ended');
  if (!call) return null;
  const words = (state.language === 'zh-CN' ? zhCN : en).desktop.quit;
  const caller = call.remoteName?.trim() || call.remoteNumber;
  return {
    title: words.title,
    body: words.body.replace('{{caller}}', caller),
    confirm: words.confirm,
    cancel: words.cancel,
  };
}

/** Log out forgets the saved account, so the tray asks first (it is refused outright during a call). */
export function logOutConfirmation(language: AppState['language']): QuitQuestion {
  const words = (language === 'zh-CN' ? zhCN : en).desktop.logOut;
  return { title: words.title, body: words.body, confirm: words.confirm, cancel: words.cancel };
}
