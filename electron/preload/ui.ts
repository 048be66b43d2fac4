/**
 * The UI window's preload: named verbs from the contract, nothing else. The page
 * never sees ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { channel, uiEventNames, uiVerbNames } from '../../src/shared/ipc/names.ts';

const api: Record<string, unknown> = {
  on(event: string, listener: (payload: unknown) => void) {
    if (!(uiEventNames as readonly string[]).includes(event)) throw new Error(`Unknown event ${event}`);
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel.uiEvent(event as (typeof uiEventNames)[number]), wrapped);
    return () => ipcRenderer.removeListener(channel.uiEvent(event as (typeof uiEventNames)[number]), wrapped);
  },
};
for (const verb of uiVerbNames) api[verb] = (payload: unknown) => ipcRenderer.invoke(channel.uiVerb(verb), payload);

contextBridge.exposeInMainWorld('switchboard', api);
