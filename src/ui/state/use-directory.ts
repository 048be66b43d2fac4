/** The directory's sync status and a counter that changes whenever synced changes arrive. */
import { useCallback, useEffect, useState } from 'react';
import type { DirectoryStatus } from '../../shared/directory.ts';
import type { SwitchboardApi } from '../../shared/ipc/contract.ts';

export function useDirectoryStatus(api: SwitchboardApi): { status: DirectoryStatus | null; generation: number } {
  const [status, setStatus] = useState<DirectoryStatus | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    const offStatus = api.on('directoryStatus', setStatus);
    const offChanged = api.on('directoryChanged', () => setGeneration((n) => n + 1));
    void api.getDirectoryStatus({}).then((result) => {
      if (live && result.ok) setStatus(result.value);
    });
    return () => {
      live = false;
      offStatus();
      offChanged();
    };
  }, [api]);
  return { status, generation };
}

/** The transfer picker's people: colleagues from the directory, called on their extension. */
export function useDirectoryPeopleSearch(
  api: SwitchboardApi,
): (query: string) => Promise<{ name: string; number: string; detail: string }[]> {
  return useCallback(
    async (query: string) => {
      const result = await api.searchDirectory({ query: query.slice(0, 100), limit: 6 });
      if (!result.ok) return [];
      return result.value.map(({ person }) => ({
        name: person.name,
        number: person.extension,
        detail: [person.extension, person.departmentPath.at(-1)].filter(Boolean).join(' · '),
      }));
    },
    [api],
  );
}
