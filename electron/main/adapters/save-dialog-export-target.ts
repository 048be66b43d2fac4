import { dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { ExportTarget } from '../../services/app/ports.ts';

/** Electron's ExportTarget: the system save dialog, starting in Downloads, sheet to the UI window. */
export function saveDialogExportTarget(options: {
  window: () => BrowserWindow | null;
  downloadsDir: () => string;
  title: () => string;
}): ExportTarget {
  return {
    async choose({ suggestedName, format }) {
      const dialogOptions = {
        title: options.title(),
        defaultPath: join(options.downloadsDir(), suggestedName),
        filters: [format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'Excel', extensions: ['xlsx'] }],
      };
      const window = options.window();
      const result = window
        ? await dialog.showSaveDialog(window, dialogOptions)
        : await dialog.showSaveDialog(dialogOptions);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
