/**
 * Which hold a call gets (TCCC 通话保持, docs/adr/0005-listening-hold.md): the company's setting when it
 * decides one, else the user's own choice in Settings › Audio. Main asks this at each Hold; Settings shows
 * the same answer, with the user's checkbox disabled while the company decides.
 */
import type { ListeningHoldPolicy } from './presence.ts';

/** The company decides the hold for everyone (Settings shows the choice disabled). */
export function companyDecidesHold(policy: ListeningHoldPolicy | undefined): policy is 'on' | 'off' {
  return policy === 'on' || policy === 'off';
}

/** Whether Hold keeps us hearing the caller: the company's word first, then the user's (off when unset). */
export function listeningHoldOn(policy: ListeningHoldPolicy | undefined, userChoice: boolean | undefined): boolean {
  if (companyDecidesHold(policy)) return policy === 'on';
  return userChoice ?? false;
}
