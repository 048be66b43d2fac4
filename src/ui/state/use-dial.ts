/** Places a call and keeps the translated reason when main refuses it. */
import type { ParseKeys } from 'i18next';
import { useCallback, useState } from 'react';
import { useApi } from './api-context.ts';
import { useAgent } from './agent-context.ts';

export type DialError = { key: ParseKeys; detail?: string };

export function useDial(): {
  dial: (target: string) => Promise<boolean>;
  pending: boolean;
  error: DialError | null;
  clearError: () => void;
} {
  const api = useApi();
  // Mobile mode ("where calls ring: my mobile"): the switchboard calls the mobile, then the number.
  const agent = useAgent();
  const mobileMode = agent?.ringTarget === 'mobile';
  // Offline means no calls out either (the switchboard refuses them too): say so before trying.
  const offline = agent !== undefined && agent.availability !== 'needs-number-sign-in' && agent.status === 'offline';
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<DialError | null>(null);
  const dial = useCallback(
    async (target: string) => {
      if (offline) {
        setError({ key: 'agent.offlineCannotDial' });
        return false;
      }
      setPending(true);
      setError(null);
      const result = mobileMode
        ? await api.requestCallback({ to: target.replace(/[,;].*$/, '') })
        : await api.dial({ target });
      setPending(false);
      if (result.ok) return true;
      // Main's message is English and technical: show our translation first, its words as detail.
      setError({
        key: result.error.code === 'invalid-payload' ? 'dial.errors.invalid' : 'dial.errors.failed',
        detail: result.error.message,
      });
      return false;
    },
    [api, mobileMode, offline],
  );
  return { dial, pending, error, clearError: useCallback(() => setError(null), []) };
}
