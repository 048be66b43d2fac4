/** Runs one call's verbs (answer, hang up, mute, hold…), remembering a failure to show and blocking double clicks. */
import { useState } from 'react';
import type { SwitchboardApi } from '../../shared/ipc/contract.ts';
import { useApi } from './api-context.ts';

type Verb =
  | 'answer'
  | 'decline'
  | 'hangup'
  | 'mute'
  | 'hold'
  | 'sendPendingDigits'
  | 'transfer'
  | 'consult'
  | 'completeTransfer'
  | 'cancelConsult'
  | 'switchCall';
type Options = { muted?: boolean; held?: boolean; target?: string };

export function useCallAction(callId: string) {
  const api = useApi();
  const [pending, setPending] = useState<Verb | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Resolves true when main accepted the verb. */
  const run = async (verb: Verb, options: Options = {}): Promise<boolean> => {
    if (pending) return false;
    setPending(verb);
    setError(null);
    const result = await call(api, verb, callId, options);
    setPending(null);
    if (!result.ok) setError(result.error.message);
    return result.ok;
  };
  /** Keypad digits: never blocked by another pending action, so fast typing keeps its order. */
  const sendDtmf = async (digits: string) => {
    const result = await api.sendDtmf({ callId, digits });
    if (!result.ok) setError(result.error.message);
  };
  return { run, sendDtmf, pending, error };
}

function call(api: SwitchboardApi, verb: Verb, callId: string, options: Options) {
  switch (verb) {
    case 'mute':
      return api.mute({ callId, muted: options.muted ?? true });
    case 'hold':
      return api.hold({ callId, held: options.held ?? true });
    case 'transfer':
    case 'consult':
      return api[verb]({ callId, target: options.target ?? '' });
    default:
      return api[verb]({ callId });
  }
}
