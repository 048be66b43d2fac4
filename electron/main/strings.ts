import type { Language } from '../../src/shared/domain.ts';
import en from '../../src/shared/locales/en.json' with { type: 'json' };
import zhCN from '../../src/shared/locales/zh-CN.json' with { type: 'json' };

/** The save dialog's title for call-history exports, in the UI's language (same translation files). */
export function exportDialogTitle(language: Language): string {
  return (language === 'zh-CN' ? zhCN : en).callLog.exportDialog.title;
}

/** The save dialog's title for Settings › About › "Export diagnostics". */
export function diagnosticsDialogTitle(language: Language): string {
  return (language === 'zh-CN' ? zhCN : en).desktop.diagnostics.dialogTitle;
}
