/**
 * The UI's copy of AppState: fetched once at start, then replaced by every
 * `state` push. Main owns the truth; this hook never edits state locally.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppState } from '../../shared/domain.ts';
import type { SwitchboardApi } from '../../shared/ipc/contract.ts';

export type AppStateView =
  { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; state: AppState };

export function useAppState(api: SwitchboardApi): { view: AppStateView; refresh: () => void } {
  const [view, setView] = useState<AppStateView>({ kind: 'loading' });
  // Counts pushes so a getState answer that was overtaken by a newer push is dropped, not applied over it.
  const pushes = useRef(0);

  const refresh = useCallback(() => {
    const before = pushes.current;
    void api.getState({}).then((result) => {
      if (pushes.current !== before) return;
      if (result.ok) setView({ kind: 'ready', state: result.value });
      // Keep showing the last good state if a later refresh fails (e.g. host restarting).
      else
        setView((current) => (current.kind === 'ready' ? current : { kind: 'failed', message: result.error.message }));
    });
  }, [api]);

  useEffect(() => {
    const off = api.on('state', (state) => {
      pushes.current += 1;
      setView({ kind: 'ready', state });
    });
    refresh();
    // The contract has no "reconnected" event. The WebSocket bridge queues requests until it is
    // open again, so re-asking whenever the window wakes up or the network returns is enough to
    // resync after a host restart or sleep; in Electron these are cheap no-ops.
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    window.addEventListener('online', refresh);
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      off();
      window.removeEventListener('online', refresh);
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [api, refresh]);

  return { view, refresh };
}
