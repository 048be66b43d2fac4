import { dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { DiagnosticsTarget } from '../../services/diagnostics/export-diagnostics.ts';

/** Electron's DiagnosticsTarget: the system save dialog for a zip, starting in Downloads, sheet to the UI window. */
export function saveDialogDiagnosticsTarget(options: {
  window: () => BrowserWindow | null;
  downloadsDir: () => string;
  title: () => string;
}): DiagnosticsTarget {
  return {
    async choose({ suggestedName }) {
      const dialogOptions = {
        title: options.title(),
        defaultPath: join(options.downloadsDir(), suggestedName),
        filters: [{ name: 'Zip', extensions: ['zip'] }],
      };
      const window = options.window();
      const result = window
        ? await dialog.showSaveDialog(window, dialogOptions)
        : await dialog.showSaveDialog(dialogOptions);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
