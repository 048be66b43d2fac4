/**
 * The transfer picker's rules, apart from React: its tabs (TCCC's 内部转接 技能组 / 座席 / 话机 and 外线转接, plus the
 * Wo Cloud department tree), what a search keeps in each list, the department tree's levels and trail, and what
 * counts as an outside number. Pure, so the unit tests say what the picker shows.
 */
import type { DirectoryDepartment } from '../../../shared/directory.ts';
import type { DeskPhone, GroupPresence } from '../../../shared/presence.ts';

export const PICKER_TABS = ['groups', 'agents', 'desk', 'departments', 'outside'] as const;
export type PickerTab = (typeof PICKER_TABS)[number];

/** Lowercased and trimmed: what every list compares with. */
export const normalizeQuery = (query: string): string => query.trim().toLowerCase();

const matches = (query: string, ...fields: string[]) =>
  query === '' || fields.some((field) => field.toLowerCase().includes(query));

/**
 * Groups whose name or number contain the query; those with someone free first (a transfer there is answered
 * soonest), then by number, as the switchboard lists them.
 */
export function filterGroups(groups: readonly GroupPresence[], query: string): GroupPresence[] {
  const q = normalizeQuery(query);
  return groups
    .filter((group) => matches(q, group.name, group.number))
    .sort((a, b) => Number(b.available > 0) - Number(a.available > 0) || a.number.localeCompare(b.number));
}

/** Free and all members, for "2 of 5 free". */
export const groupFreeCount = (group: GroupPresence) => ({ free: group.available, total: group.members.length });

/** Desk phones whose owner's name, extension or SIP user contain the query. */
export function filterDeskPhones(phones: readonly DeskPhone[], query: string): DeskPhone[] {
  const q = normalizeQuery(query);
  return phones.filter((phone) => matches(q, phone.name, phone.extension, phone.sipUser));
}

/** One level of the department tree: the departments directly under `parentId` (null: the top), in the directory's order. */
export function departmentChildren(
  departments: readonly DirectoryDepartment[],
  parentId: number | null,
): DirectoryDepartment[] {
  return departments.filter((department) => department.parentId === parentId);
}

/** From the top down to `id`, for the trail ("All › Sales › East"); empty at the top or for an unknown id. */
export function departmentTrail(departments: readonly DirectoryDepartment[], id: number | null): DirectoryDepartment[] {
  const byId = new Map(departments.map((department) => [department.id, department]));
  const trail: DirectoryDepartment[] = [];
  for (let current = id === null ? undefined : byId.get(id); current;) {
    // A loop in bad data must not hang the picker.
    if (trail.includes(current)) break;
    trail.unshift(current);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return trail;
}

/** Up to 6 digits stays inside the switchboard (extensions, groups, lines), as call permission counts it. */
const OUTSIDE_DIGITS = /^\+?\d{7,15}$/;

/**
 * The outside number as dialled: spaces, dashes, dots and brackets people type or paste dropped ("+86 139-1234-5678"
 * → "+8613912345678"); null when what is left is not 7–15 digits with an optional leading +.
 */
export function outsideNumber(typed: string): string | null {
  const number = typed.replace(/[\s\-.()]/g, '');
  return OUTSIDE_DIGITS.test(number) ? number : null;
}
