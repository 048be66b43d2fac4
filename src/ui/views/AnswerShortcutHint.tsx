/**
 * Under Answer and Decline: the global shortcut that answers from any app (issue 7), or, while it is
 * off (the default), where to turn it on; blind users of other desktop apps ask for exactly this.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopSettings } from '../../shared/desktop-settings.ts';
import { shortcutLabel } from '../format/shortcut-label.ts';
import { useApi } from '../state/api-context.ts';

export function AnswerShortcutHint() {
  const { t } = useTranslation();
  const api = useApi();
  const [settings, setSettings] = useState<DesktopSettings | null>(null);
  useEffect(() => {
    let live = true;
    void api.getDesktopSettings({}).then((answer) => {
      if (live && answer.ok) setSettings(answer.value.settings);
    });
    return () => {
      live = false;
    };
  }, [api]);
  if (!settings) return null;
  return (
    <p className="incoming-shortcut" data-testid="answer-shortcut-hint" data-enabled={settings.shortcutsEnabled}>
      {settings.shortcutsEnabled
        ? t('call.answerShortcut', { shortcut: shortcutLabel(settings.answerShortcut) })
        : t('call.answerShortcutOff')}
    </p>
  );
}
