/** Settings › Display: light, dark or the OS's theme, and the text size (the whole UI scales with it). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParseKeys } from 'i18next';
import {
  DEFAULT_DISPLAY_SETTINGS,
  TEXT_SIZES,
  type DisplaySettings,
  type DisplaySettingsPatch,
  type Theme,
} from '../../shared/display.ts';
import { Segmented } from '../components/Segmented.tsx';
import { percent } from '../format/locale-format.ts';
import { useApi } from '../state/api-context.ts';

const THEMES: ReadonlyArray<{ value: Theme; label: ParseKeys }> = [
  { value: 'system', label: 'settings.themeSystem' },
  { value: 'light', label: 'settings.themeLight' },
  { value: 'dark', label: 'settings.themeDark' },
];

export function DisplaySettingsCard({ display = DEFAULT_DISPLAY_SETTINGS }: { display?: DisplaySettings | undefined }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const change = async (patch: DisplaySettingsPatch) => {
    setError(null);
    const result = await api.setDisplaySettings({ patch });
    if (!result.ok) setError(result.error.message);
  };
  return (
    <div className="card" data-testid="display-settings">
      <h2 className="card-title">{t('settings.display')}</h2>
      <div className="display-fields">
        <div className="field">
          <span className="field-label" aria-hidden="true">
            {t('settings.theme')}
          </span>
          <Segmented
            label={t('settings.theme')}
            value={display.theme}
            options={THEMES.map((option) => ({ value: option.value, label: t(option.label) }))}
            onChange={(theme) => void change({ theme })}
          />
        </div>
        <label className="field">
          <span className="field-label">{t('settings.textSize')}</span>
          <select
            className="field-input"
            data-testid="text-size"
            value={display.textSize}
            onChange={(event) => void change({ textSize: Number(event.target.value) })}
          >
            {TEXT_SIZES.map((size) => (
              <option key={size} value={size}>
                {percent(size, i18n.language)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <div className="notice notice-error card-hint" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
