/** How a global shortcut (an Electron accelerator) reads on this OS: "Ctrl+Shift+A", or "⌘⇧A" on a Mac. */
export function shortcutLabel(accelerator: string, platform: string = navigator.platform): string {
  const mac = /Mac/.test(platform);
  return accelerator
    .replace(/CommandOrControl|CmdOrCtrl/g, mac ? '⌘' : 'Ctrl')
    .replace(/Shift/g, mac ? '⇧' : 'Shift')
    .replace(/Alt|Option/g, mac ? '⌥' : 'Alt')
    .replace(mac ? /\+/g : /$^/, '');
}
