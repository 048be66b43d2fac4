/** Runs answer/decline/hangup for one call, remembering a failure to show and blocking double clicks. */
import { useState } from 'react';
import { useApi } from './api-context.ts';

type Verb = 'answer' | 'decline' | 'hangup';

export function useCallAction(callId: string) {
  const api = useApi();
  const [pending, setPending] = useState<Verb | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (verb: Verb) => {
    if (pending) return;
    setPending(verb);
    setError(null);
    const result = await api[verb]({ callId });
    setPending(null);
    if (!result.ok) setError(result.error.message);
  };
  return { run, pending, error };
}
