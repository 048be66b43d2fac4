/**
 * The status button in the window header: a coloured dot and the status; its menu sets Available,
 * Busy, Break ▸ reason or Offline. While a call or after-call work covers the chosen status, the
 * button shows that, and a pick from the menu becomes the status to return to.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentView, ChosenStatus } from '../../../shared/presence.ts';
import { PresenceDot, statusText } from '../../components/PresenceDot.tsx';
import { useApi } from '../../state/api-context.ts';
import './agent.css';

const CHOICES: ChosenStatus[] = ['available', 'busy', 'break', 'offline'];

export function StatusMenu({ agent }: { agent: AgentView }) {
  const { t } = useTranslation();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [reasonsOpen, setReasonsOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const pick = async (status: ChosenStatus, reason?: string) => {
    setError(null);
    const result = await api.setAgentStatus(reason ? { status, reason } : { status });
    if (result.ok) {
      setOpen(false);
      setReasonsOpen(false);
    } else setError(result.error.message);
  };
  const needsSignIn = agent.availability === 'needs-number-sign-in';
  // The button names the status only; the break reason is in its tooltip and the menu (the header is narrow).
  // Some names have a shorter form for the narrow header ("Wrap-up" for after-call work).
  const label = needsSignIn
    ? t('agent.noStatus')
    : t(`agent.statusShort.${agent.status}`, { defaultValue: t(`agent.status.${agent.status}`) });
  const fullLabel = needsSignIn ? t('agent.needsNumberSignIn') : statusText(t, agent.status, agent.reason);
  const automatic = agent.status === 'on-call' || agent.status === 'after-call-work';

  return (
    <div className="status-menu" ref={root}>
      <button
        type="button"
        className="status-button"
        data-testid="status-button"
        data-status={needsSignIn ? 'unknown' : agent.status}
        title={fullLabel}
        aria-haspopup="menu"
        aria-expanded={open}
        // The name holds what the button shows (voice control says what it sees); the full status is the title.
        aria-label={t('agent.menuLabel', { status: label })}
        onClick={() => setOpen((was) => !was)}
      >
        <PresenceDot status={needsSignIn ? undefined : agent.status} />
        <span className="status-button-text">{label}</span>
        {(agent.availability === 'connecting' || agent.availability === 'offline') && (
          <span className="status-button-link" data-testid="status-link">
            {agent.availability === 'connecting' ? '…' : '!'}
          </span>
        )}
        <span className="status-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && needsSignIn && (
        <div className="status-popover" data-testid="status-unavailable" role="note">
          <div className="status-menu-hint status-menu-only-hint">{t('agent.needsNumberSignIn')}</div>
        </div>
      )}
      {open && !needsSignIn && (
        <div className="status-popover" role="menu" aria-label={t('agent.menuTitle')} data-testid="status-menu">
          {agent.availability !== 'live' && (
            <div className="status-menu-hint">
              {t(agent.availability === 'connecting' ? 'agent.connecting' : 'agent.reconnecting')}
            </div>
          )}
          {automatic && <div className="status-menu-hint">{t('agent.automaticHint')}</div>}
          {CHOICES.map((status) => {
            const chosen = agent.chosen === status;
            if (status === 'break') {
              return (
                <div key={status}>
                  <button
                    type="button"
                    role="menuitem"
                    className="status-option"
                    data-testid="status-option-break"
                    aria-expanded={reasonsOpen}
                    onClick={() => setReasonsOpen((was) => !was)}
                  >
                    <PresenceDot status="break" />
                    <span className="status-option-text">{t('agent.status.break')}</span>
                    {chosen && agent.chosenReason && <span className="status-option-detail">{agent.chosenReason}</span>}
                    <span className="status-submenu-caret" aria-hidden="true">
                      {reasonsOpen ? '▾' : '▸'}
                    </span>
                  </button>
                  {reasonsOpen && (
                    <div className="status-reasons" role="group" aria-label={t('agent.breakReasons')}>
                      {agent.policy.breakReasons.map((reason, index) => (
                        <button
                          key={reason}
                          type="button"
                          role="menuitemradio"
                          aria-checked={chosen && agent.chosenReason === reason}
                          className="status-option status-reason"
                          data-testid={`break-reason-${index}`}
                          onClick={() => void pick('break', reason)}
                        >
                          {reason}
                        </button>
                      ))}
                    </div>
                  )}
                </div>
              );
            }
            return (
              <button
                key={status}
                type="button"
                role="menuitemradio"
                aria-checked={chosen}
                className="status-option"
                data-testid={`status-option-${status}`}
                onClick={() => void pick(status)}
              >
                <PresenceDot status={status} />
                <span className="status-option-text">{t(`agent.status.${status}`)}</span>
                {chosen && <span className="status-check">✓</span>}
              </button>
            );
          })}
          {error && (
            <div className="notice notice-error status-error" role="alert">
              {t('agent.refused')} · {error}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
