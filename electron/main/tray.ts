/** The tray: the app's home while the window is closed. */
import { Menu, Tray, nativeImage } from 'electron';
import { resolve } from 'node:path';

import type { TrayLabels } from './tray-labels.ts';

export type TrayActions = { show(): void; signOut(): void; quit(): void };

export type AppTray = { setLabels(labels: TrayLabels): void };

export function createTray(actions: TrayActions, labels: TrayLabels): AppTray {
  // macOS tints a black "Template" image for the menu bar; elsewhere a badge that reads on light and dark
  // taskbars. The @2x files beside them are picked up for high-DPI screens (scripts/make-icons.ts draws them).
  const file = process.platform === 'darwin' ? 'tray-iconTemplate.png' : 'tray-icon.png';
  const icon = nativeImage.createFromPath(resolve(import.meta.dirname, '../../../assets', file));
  const tray = new Tray(icon);
  tray.setToolTip('Switchboard');
  tray.on('click', actions.show);
  const setLabels = (words: TrayLabels) =>
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: words.show, click: actions.show },
        { type: 'separator' },
        { label: words.logOut, click: actions.signOut },
        { label: words.quit, click: actions.quit },
      ]),
    );
  setLabels(labels);
  return { setLabels };
}
