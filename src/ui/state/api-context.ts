/**
 * Hands the SwitchboardApi down the tree. The app root passes getSwitchboardApi();
 * components never import the bridge themselves, so they stay pure renderers.
 */
import { createContext, useContext } from 'react';
import type { SwitchboardApi } from '../../shared/ipc/contract.ts';

export const ApiContext = createContext<SwitchboardApi | null>(null);

export function useApi(): SwitchboardApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiContext.Provider>');
  return api;
}
