/**
 * Places a call and keeps the translated reason when main refuses it. Main decides what dialing
 * means (a call, a callback to the mobile in mobile mode, or a refusal); this only shows its answer.
 */
import type { ParseKeys } from 'i18next';
import { useCallback, useState } from 'react';
import type { DialRefusal } from '../../shared/dial-outcome.ts';
import { useApi } from './api-context.ts';

export type DialError = { key: ParseKeys; detail?: string };

const REFUSAL_KEYS: Record<DialRefusal, ParseKeys> = {
  offline: 'agent.offlineCannotDial',
  'not-registered': 'dial.notRegistered',
};

export function useDial(): {
  dial: (target: string) => Promise<boolean>;
  pending: boolean;
  error: DialError | null;
  clearError: () => void;
} {
  const api = useApi();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<DialError | null>(null);
  const dial = useCallback(
    async (target: string) => {
      setPending(true);
      setError(null);
      const result = await api.dial({ target });
      setPending(false);
      if (result.ok) {
        const outcome = result.value;
        if (outcome.kind !== 'refused') return true;
        setError({ key: REFUSAL_KEYS[outcome.reason] });
        return false;
      }
      // Main's message is English and technical: show our translation first, its words as detail.
      setError({
        key: result.error.code === 'invalid-payload' ? 'dial.errors.invalid' : 'dial.errors.failed',
        detail: result.error.message,
      });
      return false;
    },
    [api],
  );
  return { dial, pending, error, clearError: useCallback(() => setError(null), []) };
}
