/** The About dialog and updates (issue 7). */
import type { UiHandlers, VerbTargets } from './types.ts';

export const updateVerbs = ({ updates, about, memoryUsage }: VerbTargets) =>
  ({
    getAbout: () => about(),
    getMemoryUsage: () => memoryUsage(),
    getUpdateStatus: () => updates.getStatus(),
    checkForUpdates: () => updates.check(),
    // The download runs on; its progress and the sha512 verdict arrive as updateStatus events.
    downloadUpdate: () => updates.startDownload(),
    installUpdate: () => updates.installNow(),
  }) satisfies Partial<UiHandlers>;
