/** Our own working status (AppState.agent) for views deep in the tree, such as dialing in mobile mode. */
import { createContext, useContext } from 'react';
import type { AgentView } from '../../shared/presence.ts';

export const AgentContext = createContext<AgentView | undefined>(undefined);

export function useAgent(): AgentView | undefined {
  return useContext(AgentContext);
}
