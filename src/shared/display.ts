/** How the app looks (issue 21): light or dark (or the OS's choice), and the text size. */
import { z } from 'zod';

/** 'system' follows the OS (prefers-color-scheme) and changes with it. */
export const ThemeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof ThemeSchema>;

/** The text sizes Settings offers, in percent of the default; the whole UI scales with it. */
export const TEXT_SIZES = [90, 100, 110, 125, 150] as const;
export const TextSizeSchema = z.number().int().min(90).max(150);

/** 字体 (832): the text of a chat's transcript, apart from the app's text size; absent = normal. */
export const ChatFontSizeSchema = z.enum(['small', 'normal', 'large']);
export type ChatFontSize = z.infer<typeof ChatFontSizeSchema>;

export const DisplaySettingsSchema = z.strictObject({
  theme: ThemeSchema,
  textSize: TextSizeSchema,
  chatFontSize: ChatFontSizeSchema.optional(),
});
export type DisplaySettings = z.infer<typeof DisplaySettingsSchema>;

export const DisplaySettingsPatchSchema = DisplaySettingsSchema.partial();
export type DisplaySettingsPatch = z.infer<typeof DisplaySettingsPatchSchema>;

export const DEFAULT_DISPLAY_SETTINGS: DisplaySettings = { theme: 'system', textSize: 100 };

/** The settings after a change: only the keys the patch sets. */
export function mergeDisplaySettings(base: DisplaySettings, patch: DisplaySettingsPatch): DisplaySettings {
  const chatFontSize = patch.chatFontSize ?? base.chatFontSize;
  return {
    theme: patch.theme ?? base.theme,
    textSize: patch.textSize ?? base.textSize,
    ...(chatFontSize ? { chatFontSize } : {}),
  };
}

/** The small incoming-call window at 100 % text. */
export const CALL_WINDOW_SIZE = { width: 340, height: 150 } as const;

/** The small call window grows with the text size, so its Answer and Decline stay inside it. */
export function callWindowSize(textSize: number): { width: number; height: number } {
  const scale = textSize / 100;
  return { width: Math.round(CALL_WINDOW_SIZE.width * scale), height: Math.round(CALL_WINDOW_SIZE.height * scale) };
}
