/** Settings for the working status: auto-answer (when the company lets users choose) and where calls ring. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseMobileNumber } from '../../../shared/mobile-number.ts';
import type { RingTarget } from '../../../shared/presence.ts';
import { useAgent } from '../../state/agent-context.ts';
import { useApi } from '../../state/api-context.ts';

const TARGET_LABELS = {
  computer: 'agent.settings.ringComputer',
  mobile: 'agent.settings.ringMobile',
  desk: 'agent.settings.ringDesk',
  number: 'agent.settings.ringNumber',
} as const;

/** "+46 70 123 45 67" for the stored "+46701234567". */
function shownNumber(e164: string | null): string {
  if (!e164) return '';
  const parsed = parseMobileNumber(e164);
  return parsed.ok ? parsed.display : e164;
}

export function AgentSettingsCard() {
  const agent = useAgent();
  const { t } = useTranslation();
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  // The box follows the click at once (a controlled checkbox would snap back until main's state push).
  const [autoAnswerClicked, setAutoAnswerClicked] = useState<boolean | null>(null);
  if (!agent || agent.availability === 'needs-number-sign-in') return null;
  const policy = agent.policy.autoAnswer;
  const setRingTarget = async (ringTarget: RingTarget) => {
    setError(null);
    const result = await api.setRingTarget({ ringTarget });
    if (!result.ok) setError(result.error.message);
  };
  return (
    <div className="card" data-testid="agent-settings">
      <h2 className="card-title">{t('agent.settings.title')}</h2>
      {policy !== 'never' && (
        <div className="toggles">
          <label className="toggle-row">
            <input
              type="checkbox"
              data-testid="auto-answer"
              checked={policy === 'always' || (autoAnswerClicked ?? agent.autoAnswer)}
              disabled={policy === 'always'}
              onChange={(event) => {
                const enabled = event.target.checked;
                setAutoAnswerClicked(enabled);
                void api.setAutoAnswer({ enabled }).then(() => setAutoAnswerClicked(null));
              }}
            />
            <span>{t('agent.settings.autoAnswer')}</span>
          </label>
          <p className="muted card-hint">
            {policy === 'always' ? t('agent.settings.autoAnswerAlways') : t('agent.settings.autoAnswerHint')}
          </p>
        </div>
      )}
      <div className="agent-setting-label">{t('agent.settings.ringTarget')}</div>
      <div className="segmented" role="radiogroup" aria-label={t('agent.settings.ringTarget')}>
        {agent.ringTargets.map((value) => {
          const checked = agent.ringTarget === value;
          const label = TARGET_LABELS[value];
          return (
            <button
              key={value}
              type="button"
              role="radio"
              aria-checked={checked}
              className={`segment${checked ? ' segment-checked' : ''}`}
              data-testid={`ring-target-${value}`}
              onClick={() => !checked && void setRingTarget(value)}
            >
              {t(label)}
            </button>
          );
        })}
      </div>
      {agent.ringTarget === 'mobile' && <p className="muted card-hint">{t('agent.settings.ringMobileHint')}</p>}
      {agent.ringTarget === 'desk' && <p className="muted card-hint">{t('agent.settings.ringDeskHint')}</p>}
      {agent.ringTarget === 'number' && (
        <p className="muted card-hint" data-testid="ring-number">
          {t('agent.settings.ringNumberHint', { number: shownNumber(agent.ringNumber) })}
        </p>
      )}
      {error && (
        <div className="notice notice-error card-hint" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
