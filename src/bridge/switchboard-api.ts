import {
  uiVerbNames,
  type IpcResult,
  type SwitchboardApi,
  type UiEvent,
  type UiEventPayload,
} from '../shared/ipc/contract.ts';
import { HostConnection } from './ws-connection.ts';
import { readHostAddress } from '../shared/ipc/wire.ts';

declare global {
  interface Window {
    switchboard?: SwitchboardApi;
  }
}

/** The UI's one way to reach main: Electron's preload if present, else the browser host's WebSocket. */
export function getSwitchboardApi(): SwitchboardApi {
  if (window.switchboard) return window.switchboard;
  const address = readHostAddress(window.location.hash);
  if (!address) throw new Error('Switchboard host not found: open this page from the app.');
  window.switchboard = createWebSocketSwitchboardApi(new HostConnection(address.url, address.token, 'ui'));
  return window.switchboard;
}

function createWebSocketSwitchboardApi(connection: HostConnection): SwitchboardApi {
  let nextId = 1;
  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: never) => void>>();
  connection.onFrame((frame) => {
    if (frame.t === 'result') {
      pending.get(frame.id)?.(frame.result);
      pending.delete(frame.id);
    } else if (frame.t === 'event') {
      for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload as never);
    }
  });
  const api: Record<string, unknown> = {
    on<E extends UiEvent>(event: E, listener: (payload: UiEventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
  };
  for (const verb of uiVerbNames) {
    api[verb] = (payload: unknown) =>
      new Promise<IpcResult<unknown>>((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        connection.send({ t: 'invoke', id, verb, payload });
      });
  }
  return api as SwitchboardApi;
}
