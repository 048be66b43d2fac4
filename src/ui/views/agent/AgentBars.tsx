/**
 * What the working status puts under the header: the after-call-work bar (countdown, "Ready now",
 * "More time"), the "not responding, you were set to Busy" notice, and "Calling your mobile…".
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentView } from '../../../shared/presence.ts';
import { formatTimer } from '../../format/timer.ts';
import { useApi } from '../../state/api-context.ts';
import { useElapsed } from '../../state/use-now.ts';

export function AgentBars({ agent }: { agent: AgentView | undefined }) {
  if (!agent || agent.availability === 'needs-number-sign-in') return null;
  return (
    <>
      {agent.status === 'after-call-work' && agent.acwUntil !== null && <AfterCallWorkBar acwUntil={agent.acwUntil} />}
      {agent.notice === 'not-responding' && <NotRespondingNotice />}
      {agent.callback && <CallbackNotice to={agent.callback.to} />}
    </>
  );
}

function AfterCallWorkBar({ acwUntil }: { acwUntil: number }) {
  const { t } = useTranslation();
  const api = useApi();
  // Ticks once a second (elapsed since 0 is the wall clock).
  const now = useElapsed(0);
  const [pending, setPending] = useState(false);
  const left = Math.max(0, Math.ceil((acwUntil - now) / 1000));
  const run = async (action: () => Promise<unknown>) => {
    setPending(true);
    await action();
    setPending(false);
  };
  return (
    <div className="acw-bar" data-testid="acw-bar" role="status">
      <div className="acw-text">
        <div className="acw-title">{t('agent.acw.title')}</div>
        <div className="acw-countdown" data-testid="acw-countdown" data-seconds={left}>
          {t('agent.acw.countdown', { time: formatTimer(left) })}
        </div>
      </div>
      <button
        type="button"
        className="btn btn-secondary btn-small"
        data-testid="acw-more-time"
        disabled={pending}
        onClick={() => void run(() => api.agentMoreTime({}))}
      >
        {t('agent.acw.moreTime')}
      </button>
      <button
        type="button"
        className="btn btn-primary btn-small"
        data-testid="acw-ready-now"
        disabled={pending}
        onClick={() => void run(() => api.agentReadyNow({}))}
      >
        {t('agent.acw.readyNow')}
      </button>
    </div>
  );
}

function NotRespondingNotice() {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <div className="notice notice-warning agent-notice" data-testid="not-responding-notice" role="alert">
      <div className="agent-notice-text">{t('agent.notRespondingNotice')}</div>
      <div className="agent-notice-actions">
        <button
          type="button"
          className="btn btn-secondary btn-small"
          data-testid="not-responding-dismiss"
          onClick={() => void api.dismissAgentNotice({})}
        >
          {t('agent.dismiss')}
        </button>
        <button
          type="button"
          className="btn btn-primary btn-small"
          data-testid="not-responding-available"
          onClick={() => void api.setAgentStatus({ status: 'available' })}
        >
          {t('agent.setAvailable')}
        </button>
      </div>
    </div>
  );
}

function CallbackNotice({ to }: { to: string }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-info agent-notice" data-testid="callback-notice" role="status">
      <div className="agent-notice-text">
        <strong>{t('agent.callback.calling')}</strong> {t('agent.callback.hint', { to })}
      </div>
    </div>
  );
}
