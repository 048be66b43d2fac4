/** The company directory (after a number sign-in; a SIP-account sign-in has none and gets empty lists). */
import type { UiHandlers, VerbTargets } from './types.ts';

export const directoryVerbs = ({ directory, session }: VerbTargets) => {
  // A revoked device's last copy may still be on disk until the next sign-in: it is not shown.
  const signedIn = () => session.provisionedDevice() !== null;
  return {
    getDirectoryStatus: () => directory.status(),
    listDepartments: () => (signedIn() ? directory.store.departments() : []),
    listDirectoryPeople: ({ departmentId, offset, limit }) =>
      signedIn() ? directory.store.listPeople(departmentId, offset, limit) : [],
    searchDirectory: ({ query, limit }) => directory.search(query, limit),
    getDirectoryPerson: ({ id }) => (signedIn() ? directory.store.person(id) : null),
    getDirectoryAvatar: async ({ id }) => ({ dataUrl: await directory.avatar(id) }),
    syncDirectory: () => directory.sync(),
  } satisfies Partial<UiHandlers>;
};
