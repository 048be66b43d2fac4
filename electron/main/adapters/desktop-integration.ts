/**
 * The desktop settings applied to the OS: start at login (hidden, to the tray), the
 * tel:/sip:/callto: handler, and the global answer/hang-up shortcuts.
 */
import { app, globalShortcut } from 'electron';
import type { DesktopIntegrationPort, ShortcutAction } from '../../services/desktop/desktop-settings.ts';

const LINK_SCHEMES = ['tel', 'sip', 'callto'] as const;

export function electronDesktopIntegration(onShortcut: (action: ShortcutAction) => void): DesktopIntegrationPort {
  return {
    setStartAtLogin(enabled) {
      // Windows passes our flag so a login start stays in the tray; macOS says so in wasOpenedAtLogin.
      app.setLoginItemSettings({ openAtLogin: enabled, args: ['--hidden'] });
    },
    setLinkHandler(enabled) {
      // Unpackaged, Electron would register itself (the bare runtime) as the handler; only a packaged app may.
      if (!app.isPackaged) return;
      for (const scheme of LINK_SCHEMES) {
        if (enabled) app.setAsDefaultProtocolClient(scheme);
        else app.removeAsDefaultProtocolClient(scheme);
      }
    },
    setShortcuts(shortcuts) {
      globalShortcut.unregisterAll();
      const taken: string[] = [];
      for (const { accelerator, action } of shortcuts) {
        // register() returns false when another app already holds the combination.
        if (!globalShortcut.register(accelerator, () => onShortcut(action))) taken.push(accelerator);
      }
      return taken;
    },
  };
}
