/** What the transfer picker's tabs list: colleagues (searched or the first by name), departments, desk phones. */
import { useEffect, useState } from 'react';
import type { DirectoryDepartment, DirectoryPerson } from '../../../shared/directory.ts';
import type { SwitchboardApi } from '../../../shared/ipc/contract.ts';
import type { DeskPhone } from '../../../shared/presence.ts';
import type { PickablePerson } from './PickerRows.tsx';

export type SearchPeople = (query: string) => Promise<PickablePerson[]>;

const SEARCH_DELAY_MS = 150;
/** A picker is for choosing, not reading the company: more than this is found by searching. */
export const PICKER_LIST_MAX = 50;

export const pickablePerson = (person: DirectoryPerson): PickablePerson => ({
  name: person.name,
  number: person.extension,
  detail: [person.extension, person.departmentPath.at(-1)].filter(Boolean).join(' · '),
});

/** Colleagues for the typed query (the directory's search, after a short pause), or the first by name when empty. */
export function usePickerPeople(
  api: SwitchboardApi,
  search: SearchPeople | undefined,
  query: string,
): PickablePerson[] {
  const [people, setPeople] = useState<PickablePerson[]>([]);
  useEffect(() => {
    let current = true;
    const term = query.trim();
    // What was listed for another query must not be picked while this one is searched.
    if (term !== '') setPeople([]);
    const load =
      term === ''
        ? async () => {
            const result = await api.listDirectoryPeople({ departmentId: null, offset: 0, limit: PICKER_LIST_MAX });
            return result.ok ? result.value.map(pickablePerson) : [];
          }
        : async () => (search ? (await search(term)).slice(0, PICKER_LIST_MAX) : []);
    const timer = setTimeout(
      () => void load().then((found) => current && setPeople(found)),
      term ? SEARCH_DELAY_MS : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, search, query]);
  return people;
}

/** The department tree, and the people directly in the department being looked at. */
export function useDepartmentLevel(
  api: SwitchboardApi,
  departmentId: number | null,
): { departments: DirectoryDepartment[]; people: PickablePerson[] } {
  const [departments, setDepartments] = useState<DirectoryDepartment[]>([]);
  const [people, setPeople] = useState<PickablePerson[]>([]);
  useEffect(() => {
    let live = true;
    void api.listDepartments({}).then((result) => live && result.ok && setDepartments(result.value));
    return () => {
      live = false;
    };
  }, [api]);
  useEffect(() => {
    let live = true;
    // At the top only departments show: "everyone" is the Agents tab.
    if (departmentId === null) setPeople([]);
    else
      void api
        .listDirectoryPeople({ departmentId, offset: 0, limit: PICKER_LIST_MAX })
        .then((result) => live && result.ok && setPeople(result.value.map(pickablePerson)));
    return () => {
      live = false;
    };
  }, [api, departmentId]);
  return { departments, people };
}

/** The company's desk phones, as of the last presence snapshot. */
export function useDeskPhones(api: SwitchboardApi): DeskPhone[] {
  const [phones, setPhones] = useState<DeskPhone[]>([]);
  useEffect(() => {
    let live = true;
    void api.listDeskPhones({}).then((result) => live && result.ok && setPhones(result.value));
    return () => {
      live = false;
    };
  }, [api]);
  return phones;
}
