/**
 * What the working status puts under the header: the after-call-work bar (countdown, "Ready now",
 * "More time", the wrap-up code and note), the "not responding, you were set to Busy" notice, and "Calling your mobile…".
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcResult } from '../../../shared/ipc/contract.ts';
import { WRAP_UP_NOTE_MAX, type AgentView, type WrapUpCode } from '../../../shared/presence.ts';
import { formatTimer } from '../../format/timer.ts';
import { useApi } from '../../state/api-context.ts';
import { useElapsed } from '../../state/use-now.ts';

export function AgentBars({ agent }: { agent: AgentView | undefined }) {
  if (!agent || agent.availability === 'needs-number-sign-in') return null;
  return (
    <>
      {agent.status === 'after-call-work' && agent.acwUntil !== null && (
        <AfterCallWorkBar acwUntil={agent.acwUntil} agent={agent} />
      )}
      {agent.notice === 'not-responding' && <NotRespondingNotice />}
      {agent.callback && <CallbackNotice to={agent.callback.to} />}
    </>
  );
}

function AfterCallWorkBar({ acwUntil, agent }: { acwUntil: number; agent: AgentView }) {
  const { t } = useTranslation();
  const api = useApi();
  // Ticks once a second (elapsed since 0 is the wall clock).
  const now = useElapsed(0);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const left = Math.max(0, Math.ceil((acwUntil - now) / 1000));
  const run = async (action: () => Promise<IpcResult<void>>) => {
    setPending(true);
    const result = await action();
    setPending(false);
    setError(result.ok ? null : result.error.message);
  };
  const codes = agent.policy.wrapUpCodes;
  return (
    <div className="acw-bar" data-testid="acw-bar" role="group" aria-label={t('agent.acw.title')}>
      <div className="acw-text" role="status">
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
      {codes.length > 0 && (
        <WrapUpPicker
          codes={codes}
          picked={agent.wrapUp}
          required={agent.policy.wrapUpRequired}
          save={(code, note) => void run(() => api.agentWrapUp({ code, note }))}
        />
      )}
      {error !== null && (
        <div className="acw-error" data-testid="acw-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/**
 * The wrap-up (服务小结): a native select, so keyboard and screen readers work as everywhere, and a
 * plain-text note saved when it loses focus. Both are kept with the call the moment they are given.
 */
function WrapUpPicker({
  codes,
  picked,
  required,
  save,
}: {
  codes: WrapUpCode[];
  picked: string | null;
  required: boolean;
  save: (code: string | null, note: string) => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [savedNote, setSavedNote] = useState('');
  const saveNote = () => {
    if (note.trim() === savedNote) return;
    setSavedNote(note.trim());
    save(null, note);
  };
  return (
    <div className="acw-wrap-up">
      <label className="acw-field">
        <span className="acw-field-label">
          {t('agent.acw.wrapUp')}
          {required && <span className="acw-required">{t('agent.acw.wrapUpRequired')}</span>}
        </span>
        <select
          data-testid="acw-wrap-up-code"
          value={picked ?? ''}
          required={required}
          aria-required={required}
          onChange={(event) => {
            if (event.target.value) save(event.target.value, note);
          }}
        >
          {picked === null && <option value="">{t('agent.acw.wrapUpChoose')}</option>}
          {codes.map((code) => (
            <option key={code.code} value={code.code}>
              {code.label}
            </option>
          ))}
        </select>
      </label>
      <label className="acw-field acw-note">
        <span className="acw-field-label">{t('agent.acw.note')}</span>
        <input
          type="text"
          data-testid="acw-wrap-up-note"
          value={note}
          maxLength={WRAP_UP_NOTE_MAX}
          onChange={(event) => setNote(event.target.value)}
          onBlur={saveNote}
          onKeyDown={(event) => {
            if (event.key === 'Enter') saveNote();
          }}
        />
      </label>
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
