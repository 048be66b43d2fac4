/**
 * Whether the window is wide enough for the agent's desk (list, chat and customer side by side): from
 * 900 px of the UI's own width. The text size zooms the whole UI (use-display.ts), so at 150 % the
 * desk needs a 1,350 px window; below it the 380 px phone layout stays. The window's size is the
 * user's (remembered by main), so the layout follows it and comes back with it.
 */
import { useSyncExternalStore } from 'react';

export const WIDE_DESK_PX = 900;

const subscribe = (onChange: () => void) => {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
};

function wide(): boolean {
  const scale = Number(document.documentElement.style.getPropertyValue('--text-scale')) || 1;
  return window.innerWidth / scale >= WIDE_DESK_PX;
}

export function useWideDesk(): boolean {
  return useSyncExternalStore(subscribe, wide);
}
