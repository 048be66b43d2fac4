import type { Language } from '../../src/shared/domain.ts';
import { wordsFor } from '../../src/shared/locales/dictionaries.ts';

/** The save dialog's title for call-history exports, in the UI's language (same translation files). */
export function exportDialogTitle(language: Language): string {
  return wordsFor(language).callLog.exportDialog.title;
}

/** The save dialog's title for Settings › About › "Export diagnostics". */
export function diagnosticsDialogTitle(language: Language): string {
  return wordsFor(language).desktop.diagnostics.dialogTitle;
}
