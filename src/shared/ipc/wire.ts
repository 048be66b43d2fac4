/**
 * Frames that carry the IPC contract over the browser host's loopback WebSocket.
 * Electron uses ipcRenderer/ipcMain instead; both carry the same verbs and events.
 */
import type { IpcResult } from './contract.ts';

export type WindowRole = 'ui' | 'engine';

export type ClientFrame =
  { t: 'invoke'; id: number; verb: string; payload: unknown } | { t: 'report'; event: string; payload: unknown };

export type HostFrame =
  | { t: 'result'; id: number; result: IpcResult<unknown> }
  | { t: 'event'; event: string; payload: unknown }
  | { t: 'command'; command: string; payload: unknown };

/** Where the page finds its host connection: `#host=ws://127.0.0.1:PORT/ipc&token=...` in its URL. */
export function readHostAddress(hash: string): { url: string; token: string } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const url = params.get('host');
  const token = params.get('token');
  return url && token ? { url, token } : null;
}
