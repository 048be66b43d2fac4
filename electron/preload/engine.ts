/** The engine window's preload: report events to main, receive its commands. */
import { contextBridge, ipcRenderer } from 'electron';
import {
  channel,
  engineCommandNames,
  engineEventNames,
  type EngineCommand,
  type EngineEvent,
} from '../../src/shared/ipc/names.ts';

contextBridge.exposeInMainWorld('engineHost', {
  report(event: EngineEvent, payload: unknown) {
    if (engineEventNames.includes(event)) ipcRenderer.send(channel.engineEvent(event), payload);
  },
  onCommand(command: EngineCommand, listener: (payload: unknown) => void) {
    if (!engineCommandNames.includes(command)) throw new Error(`Unknown command ${command}`);
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel.engineCommand(command), wrapped);
    return () => ipcRenderer.removeListener(channel.engineCommand(command), wrapped);
  },
});
