/**
 * Settings › Desktop: start at login, the link handler, "call links at once", the global shortcuts (off by
 * default), and whether chat notifications show the message text.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParseKeys } from 'i18next';
import type { DesktopSettings, DesktopSettingsResult } from '../../shared/desktop-settings.ts';
import { useApi } from '../state/api-context.ts';
import { shortcutLabel } from '../format/shortcut-label.ts';

type Toggle = 'startAtLogin' | 'handleLinks' | 'dialLinksAtOnce' | 'shortcutsEnabled' | 'messagePreviews';
const TOGGLES: ReadonlyArray<{ key: Toggle; label: ParseKeys }> = [
  { key: 'startAtLogin', label: 'desktop.settings.startAtLogin' },
  { key: 'handleLinks', label: 'desktop.settings.handleLinks' },
  { key: 'dialLinksAtOnce', label: 'desktop.settings.dialLinksAtOnce' },
  // Before the shortcuts: their hint goes under the last row.
  { key: 'messagePreviews', label: 'desktop.settings.messagePreviews' },
  { key: 'shortcutsEnabled', label: 'desktop.settings.shortcuts' },
];

export function DesktopSettingsCard() {
  const { t } = useTranslation();
  const api = useApi();
  const [result, setResult] = useState<DesktopSettingsResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.getDesktopSettings({}).then((answer) => {
      if (live && answer.ok) setResult(answer.value);
    });
    return () => {
      live = false;
    };
  }, [api]);

  // The box follows the click at once (a controlled checkbox would otherwise snap back until
  // main answers); main's answer then decides, and a refusal puts the old value back.
  const change = async (patch: Partial<DesktopSettings>) => {
    setError(null);
    const before = result;
    if (before) setResult({ ...before, settings: { ...before.settings, ...patch } });
    const answer = await api.setDesktopSettings(patch);
    if (answer.ok) setResult(answer.value);
    else {
      setResult(before);
      setError(answer.error.message);
    }
  };

  if (!result) return null;
  const { settings, unavailableShortcuts } = result;
  return (
    <div className="card" data-testid="desktop-settings">
      <h2 className="card-title">{t('desktop.settings.title')}</h2>
      <div className="toggles">
        {TOGGLES.map(({ key, label }) => (
          <label key={key} className="toggle-row">
            <input
              type="checkbox"
              data-testid={`desktop-${key}`}
              checked={settings[key]}
              disabled={key === 'dialLinksAtOnce' && !settings.handleLinks}
              onChange={(event) => void change({ [key]: event.target.checked })}
            />
            <span>{t(label)}</span>
          </label>
        ))}
      </div>
      {settings.shortcutsEnabled && (
        <p className="muted card-hint">
          {t('desktop.settings.shortcutsHint', {
            answer: shortcutLabel(settings.answerShortcut),
            hangUp: shortcutLabel(settings.hangUpShortcut),
          })}
        </p>
      )}
      {[
        ...unavailableShortcuts.map((shortcut) => t('desktop.settings.shortcutTaken', { shortcut })),
        ...(error ? [error] : []),
      ].map((message) => (
        <div key={message} className="notice notice-error card-hint" role="alert">
          {message}
        </div>
      ))}
    </div>
  );
}
