import { describe, expect, it } from 'vitest';
import { shortcutLabel } from './shortcut-label.ts';

describe('shortcutLabel', () => {
  it('reads Ctrl+Shift+A on Windows and Linux', () => {
    expect(shortcutLabel('CommandOrControl+Shift+A', 'Win32')).toBe('Ctrl+Shift+A');
    expect(shortcutLabel('CmdOrCtrl+Alt+H', 'Linux x86_64')).toBe('Ctrl+Alt+H');
  });
  it('reads ⌘⇧A on a Mac', () => {
    expect(shortcutLabel('CommandOrControl+Shift+A', 'MacIntel')).toBe('⌘⇧A');
  });
});
