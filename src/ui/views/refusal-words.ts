/**
 * A sign-in refusal from the provisioning service in the user's words, for the number sign-in and the
 * e-mail sign-in alike (both get `NumberSignInFailure`): each screen has its own sentences for the same
 * codes (a code by phone call or by e-mail), with the tries left and the wait filled in.
 */
import type { TFunction } from 'i18next';
import type { NumberSignInFailure } from '../../shared/number-sign-in.ts';
import { formatWait } from './number-sign-in-format.ts';

export type RefusalScreen = 'numberSignIn' | 'passwordSignIn';

export function refusalWords(t: TFunction, screen: RefusalScreen, failure: NumberSignInFailure, waitLeftSec: number) {
  const count = failure.triesLeft ?? 0;
  if (failure.code === 'code-wrong') return t(`${screen}.errors.code-wrong`, { count });
  if (screen === 'passwordSignIn' && failure.code === 'wrong-password' && failure.triesLeft !== undefined)
    return t('passwordSignIn.errors.wrong-password-tries', { count });
  return t(`${screen}.errors.${failure.code}`, { wait: formatWait(waitLeftSec) });
}
