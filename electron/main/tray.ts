/** The tray: the app's home while the window is closed. */
import { Menu, Tray, nativeImage } from 'electron';
import { resolve } from 'node:path';

export type TrayActions = { show(): void; signOut(): void; quit(): void };

export function createTray(actions: TrayActions, labels: { show: string; signOut: string; quit: string }): Tray {
  const icon = nativeImage.createFromPath(resolve(import.meta.dirname, '../../../assets/tray-icon.png'));
  const tray = new Tray(icon);
  tray.setToolTip('Switchboard');
  tray.on('click', actions.show);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: labels.show, click: actions.show },
      { type: 'separator' },
      { label: labels.signOut, click: actions.signOut },
      { label: labels.quit, click: actions.quit },
    ]),
  );
  return tray;
}
