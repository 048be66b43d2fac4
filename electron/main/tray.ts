/** The tray: the app's home while the window is closed. It renders tray-menu.ts's model. */
import { Menu, Tray, nativeImage } from 'electron';
import { resolve } from 'node:path';
import { trayIconFile, type TrayAction, type TrayItem, type TrayModel, type TrayStatusChoice } from './tray-menu.ts';

export type TrayActions = Record<TrayAction, () => void> & { setStatus: (choice: TrayStatusChoice) => void };
export type AppTray = { render(model: TrayModel): void };

export function createTray(actions: TrayActions): AppTray {
  // macOS tints a black "Template" image for the menu bar; elsewhere a badge that reads on light and dark
  // taskbars, coloured by registration state with a dot for missed calls. The @2x files beside them are
  // picked up for high-DPI screens (scripts/make-icons.ts draws them).
  const image = (file: string) => nativeImage.createFromPath(resolve(import.meta.dirname, '../../../assets', file));
  let shownFile = trayIconFile({ state: 'offline', missed: false }, process.platform);
  const tray = new Tray(image(shownFile));
  tray.on('click', actions.show);
  return {
    render(model) {
      const file = trayIconFile(model.icon, process.platform);
      if (file !== shownFile) {
        tray.setImage(image(file));
        shownFile = file;
      }
      tray.setToolTip(model.tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(model.items.map((item) => menuItem(item, actions))));
    },
  };
}

function menuItem(item: TrayItem, actions: TrayActions): Electron.MenuItemConstructorOptions {
  switch (item.kind) {
    case 'separator':
      return { type: 'separator' };
    case 'info':
      return { label: item.label, enabled: false };
    case 'status':
      return { type: 'radio', label: item.label, checked: item.checked, click: () => actions.setStatus(item.choice) };
    case 'submenu':
      return { label: item.label, submenu: item.items.map((child) => menuItem(child, actions)) };
    default:
      return { label: item.label, enabled: item.enabled, click: actions[item.action] };
  }
}
