/**
 * The station step (issue 18), shared by main and the UI: which fields it shows for an account, what
 * it preselects, and what main checks before anything goes to the service. Pure.
 */
import { z } from 'zod';
import { parseMobileNumber } from './mobile-number.ts';
import {
  AccountRoleSchema,
  type AccountRole,
  type ContactCenterAccount,
  type StationChoice,
  type StationRing,
} from './password-sign-in.ts';

/** Kept in settings per account (lower-cased e-mail): the role and team chosen last. Where calls ring the service keeps. */
export const StationMemorySchema = z.object({
  role: AccountRoleSchema,
  team: z.string().min(1).max(100).nullable(),
});
export type StationMemory = z.infer<typeof StationMemorySchema>;
export const StationMemoriesSchema = z.record(z.string().max(254), StationMemorySchema);
export type StationMemories = z.infer<typeof StationMemoriesSchema>;
/** Accounts remembered at most: a shared computer must not grow the settings file without end. */
export const STATION_MEMORY_MAX = 20;

/** Role: only an account that may be both picks one. */
export const showsRole = (account: ContactCenterAccount): boolean => account.role === 'both';

/** Team: only when signing in as supervisor and agent, and there is a team to pick. */
export const showsTeam = (account: ContactCenterAccount, role: AccountRole): boolean =>
  role === 'both' && account.teams.length > 0;

/** The teams whose name contains the search, ignoring case (the searchable list). */
export function filterTeams(teams: readonly string[], search: string): string[] {
  const needle = search.trim().toLocaleLowerCase();
  return needle ? teams.filter((team) => team.toLocaleLowerCase().includes(needle)) : [...teams];
}

/** What the step starts with: the choice remembered for this account, else the account's own role. */
export function preselect(
  account: ContactCenterAccount,
  remembered: StationMemory | undefined,
  service: { ringTarget: string; deskPhone: boolean; ringNumber: string | null },
): StationChoice {
  const role = showsRole(account) && remembered ? remembered.role : account.role;
  const team = remembered?.team && account.teams.includes(remembered.team) ? remembered.team : null;
  const ringTarget: StationRing =
    service.ringTarget === 'number' || (service.ringTarget === 'desk' && service.deskPhone)
      ? service.ringTarget
      : 'computer';
  return { role, team: showsTeam(account, role) ? team : null, ringTarget, ringNumber: service.ringNumber };
}

export type StationProblem = 'role' | 'team' | 'desk' | 'number-required' | 'number-invalid';

/** Checked by the UI as the user submits and by main again; `ringNumber` comes back as E.164. */
export function checkStation(
  account: ContactCenterAccount,
  deskPhone: boolean,
  choice: StationChoice,
): { ok: true; choice: StationChoice } | { ok: false; problem: StationProblem } {
  if (choice.role !== account.role && !showsRole(account)) return { ok: false, problem: 'role' };
  const team = showsTeam(account, choice.role) ? choice.team : null;
  if (showsTeam(account, choice.role) && (team === null || !account.teams.includes(team)))
    return { ok: false, problem: 'team' };
  if (choice.ringTarget === 'desk' && !deskPhone) return { ok: false, problem: 'desk' };
  if (choice.ringTarget !== 'number') return { ok: true, choice: { ...choice, team } };
  const parsed = parseMobileNumber(choice.ringNumber ?? '');
  if (!parsed.ok) return { ok: false, problem: parsed.error === 'required' ? 'number-required' : 'number-invalid' };
  return { ok: true, choice: { ...choice, team, ringNumber: parsed.e164 } };
}
