/**
 * Applies the display settings to the page: the theme as `data-theme` on <html> (base.css picks the
 * tokens; 'system' leaves it to prefers-color-scheme) and the text size as a zoom of the whole UI,
 * so every size in the stylesheets (text, icons, paddings) grows together and layouts reflow as with
 * the browser's own zoom instead of clipping.
 */
import { useEffect } from 'react';
import { DEFAULT_DISPLAY_SETTINGS, type DisplaySettings } from '../../shared/display.ts';

export function useDisplay(display: DisplaySettings | undefined | null): void {
  const { theme, textSize, chatFontSize } = display ?? DEFAULT_DISPLAY_SETTINGS;
  useEffect(() => {
    const html = document.documentElement;
    if (theme === 'system') delete html.dataset.theme;
    else html.dataset.theme = theme;
    html.style.setProperty('--text-scale', String(textSize / 100));
    // A chat's message size (字体, chat/FontSizeButton.tsx); normal needs no mark.
    if (chatFontSize && chatFontSize !== 'normal') html.dataset.chatFont = chatFontSize;
    else delete html.dataset.chatFont;
  }, [theme, textSize, chatFontSize]);
}
