import type { EngineCommand, EngineCommandPayload, EngineHostApi } from '../shared/ipc/contract.ts';
import { HostConnection } from './ws-connection.ts';
import { readHostAddress } from '../shared/ipc/wire.ts';

declare global {
  interface Window {
    engineHost?: EngineHostApi;
  }
}

/** The engine page's one way to reach main: Electron's engine preload if present, else the browser host. */
export function getEngineHostApi(): EngineHostApi {
  if (window.engineHost) return window.engineHost;
  const address = readHostAddress(window.location.hash);
  if (!address) throw new Error('Switchboard host not found: the engine page must be opened by the app.');
  const connection = new HostConnection(address.url, address.token, 'engine');
  const listeners = new Map<string, Set<(payload: never) => void>>();
  connection.onFrame((frame) => {
    if (frame.t !== 'command') return;
    for (const listener of listeners.get(frame.command) ?? []) listener(frame.payload as never);
  });
  window.engineHost = {
    report(event, payload) {
      connection.send({ t: 'report', event, payload });
    },
    onCommand<C extends EngineCommand>(command: C, listener: (payload: EngineCommandPayload<C>) => void) {
      const set = listeners.get(command) ?? new Set();
      listeners.set(command, set);
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
  };
  return window.engineHost;
}
