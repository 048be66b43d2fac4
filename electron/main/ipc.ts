/**
 * Binds the IPC contract to ipcMain. Every message is checked twice: the sender
 * must be the window that owns that role and its frame must be our own page;
 * then the routers validate the payload against the contract. The routers answer
 * every failure as a result (and log it); the catches here are the last guard, so
 * that nothing a window sends can become an unhandled rejection in main.
 */
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channel, engineEventNames, uiVerbNames } from '../../src/shared/ipc/contract.ts';
import { failure } from '../../src/shared/ipc/validate.ts';
import { GENERIC_FAILURE, type EngineRouter, type UiRouter } from '../services/ipc/routers.ts';
import type { Logger } from '../services/log/logger.ts';
import { isTrustedSender } from './sender-check.ts';

export type IpcRoles = { uiContents(): WebContents[]; engineContents(): WebContents | null };

function fromTrustedSender(
  event: IpcMainEvent | IpcMainInvokeEvent,
  allowed: readonly (WebContents | null)[],
): boolean {
  return isTrustedSender(
    { sender: event.sender, senderMainFrame: event.sender.mainFrame, senderFrame: event.senderFrame },
    allowed,
  );
}

export function bindIpc(roles: IpcRoles, routes: { ui: UiRouter; engine: EngineRouter }, log: Logger): void {
  for (const verb of uiVerbNames) {
    ipcMain.handle(channel.uiVerb(verb), (event, payload: unknown) => {
      if (!fromTrustedSender(event, roles.uiContents())) return failure('forbidden', 'Not a Switchboard window');
      return routes.ui(verb, payload).catch((error: unknown) => {
        log.error('IPC verb failed', { verb, err: error });
        return failure('failed', GENERIC_FAILURE);
      });
    });
  }
  for (const name of engineEventNames) {
    ipcMain.on(channel.engineEvent(name), (event, payload: unknown) => {
      if (!fromTrustedSender(event, [roles.engineContents()])) return;
      // The router logs what it refuses and what failed.
      routes.engine(name, payload).catch((error: unknown) => log.error('engine report failed', { name, err: error }));
    });
  }
}
