/**
 * Whether the window is wide enough for the agent's desk (list, chat and customer side by side): from
 * 900 px. The 380 px phone layout stays below it. The window's size is the user's (and remembered by
 * main), so the layout follows it and comes back with it.
 */
import { useSyncExternalStore } from 'react';

export const WIDE_DESK_QUERY = '(min-width: 900px)';

const subscribe = (onChange: () => void) => {
  const query = window.matchMedia(WIDE_DESK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};

export function useWideDesk(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(WIDE_DESK_QUERY).matches);
}
