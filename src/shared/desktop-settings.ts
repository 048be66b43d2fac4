/** Desktop-integration settings (issue 7), as the UI sees and changes them. */
import { z } from 'zod';

/** An Electron accelerator such as "CommandOrControl+Shift+A": modifiers and one key, nothing else. */
export const AcceleratorSchema = z
  .string()
  .max(64)
  .regex(
    /^((CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|Shift|Super|Meta)\+){1,4}([A-Z0-9]|F([1-9]|1[0-9]|2[0-4])|Space|Enter|Home|End|PageUp|PageDown|Insert|Delete)$/,
    'A shortcut is one to four modifiers and a key, e.g. CommandOrControl+Shift+A',
  );

const fields = {
  /** Start Switchboard (to the tray) when the user logs in to the computer. */
  startAtLogin: z.boolean(),
  /** Be the computer's handler for tel:, sip: and callto: links. */
  handleLinks: z.boolean(),
  /** A clicked link calls at once instead of putting the number on the dial pad. */
  dialLinksAtOnce: z.boolean(),
  /** System-wide shortcuts to answer and hang up, also while another app has focus. Off by default. */
  shortcutsEnabled: z.boolean(),
  answerShortcut: AcceleratorSchema,
  hangUpShortcut: AcceleratorSchema,
  /** OS notifications of chat messages show the text; off, they say only who wrote (issue 17). On by default. */
  messagePreviews: z.boolean(),
};

export const DesktopSettingsSchema = z.object({
  startAtLogin: fields.startAtLogin.default(false),
  handleLinks: fields.handleLinks.default(true),
  dialLinksAtOnce: fields.dialLinksAtOnce.default(false),
  shortcutsEnabled: fields.shortcutsEnabled.default(false),
  answerShortcut: fields.answerShortcut.default('CommandOrControl+Shift+A'),
  hangUpShortcut: fields.hangUpShortcut.default('CommandOrControl+Shift+H'),
  messagePreviews: fields.messagePreviews.default(true),
});
export type DesktopSettings = z.infer<typeof DesktopSettingsSchema>;
/** A change: any subset of the fields, without defaults (a missing field stays as it is). */
export const DesktopSettingsPatchSchema = z.strictObject(fields).partial();
export type DesktopSettingsPatch = z.infer<typeof DesktopSettingsPatchSchema>;

/** What applying the settings to the OS gave: a shortcut another app holds cannot be registered. */
export const DesktopSettingsResultSchema = z.strictObject({
  settings: z.strictObject(fields),
  unavailableShortcuts: z.array(z.string()),
});
export type DesktopSettingsResult = z.infer<typeof DesktopSettingsResultSchema>;
