/**
 * One agent's actions for the supervisor (issue 19): message them (internal chat, as from the directory),
 * set their status (Break asks for one of the reasons the agent's own status menu offers; Offline asks
 * first: it also ends their sign-in, for a stuck agent) and their calls today.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_AGENT_POLICY, type ChosenStatus } from '../../../shared/presence.ts';
import type { TeamAgent, TeamAgentCall } from '../../../shared/team.ts';
import { Modal } from '../../components/Modal.tsx';
import { PresenceLabel } from '../../components/PresenceDot.tsx';
import { clockTime, talkDuration } from '../../format/locale-format.ts';
import { useAgent } from '../../state/agent-context.ts';
import { useApi } from '../../state/api-context.ts';
import { useMessageColleague } from '../directory/message-colleague.ts';

const SETTABLE: readonly ChosenStatus[] = ['available', 'busy'];

export function AgentActions({ agent, onClose }: { agent: TeamAgent; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const titleId = useId();
  const [confirmOffline, setConfirmOffline] = useState(false);
  const [calls, setCalls] = useState<TeamAgentCall[] | null>(null);
  const [showCalls, setShowCalls] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reasonsOpen, setReasonsOpen] = useState(false);
  const message = useMessageColleague();
  // The company's break reasons reach us in our own agent policy (the same list the status menu offers).
  const breakReasons = useAgent()?.policy.breakReasons ?? DEFAULT_AGENT_POLICY.breakReasons;

  useEffect(() => {
    if (!showCalls) return;
    let live = true;
    void api.getAgentCallsToday({ extension: agent.extension }).then((result) => {
      if (!live) return;
      if (result.ok) setCalls(result.value);
      else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [api, agent.extension, showCalls]);

  const setStatus = async (status: ChosenStatus, reason: string | null = null) => {
    setBusy(true);
    setError(null);
    const result = await api.setTeamAgentStatus({ extension: agent.extension, status, reason });
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error.message);
  };

  return (
    <Modal labelId={titleId} onClose={onClose} testId="team-agent-actions">
      <h2 className="modal-title" id={titleId}>
        {t('team.actions.title', { name: agent.name, extension: agent.extension })}
      </h2>
      <p>
        <PresenceLabel status={agent.status} reason={agent.reason} />
      </p>
      {confirmOffline ? (
        <>
          <p data-testid="team-offline-question">{t('team.actions.offlineQuestion', { name: agent.name })}</p>
          <div className="modal-actions">
            <button type="button" className="btn btn-secondary" onClick={() => setConfirmOffline(false)} autoFocus>
              {t('team.actions.cancel')}
            </button>
            <button
              type="button"
              className="btn btn-danger"
              disabled={busy}
              data-testid="team-offline-confirm"
              onClick={() => void setStatus('offline')}
            >
              {t('team.actions.offlineConfirm')}
            </button>
          </div>
        </>
      ) : (
        <div className="team-action-list">
          {message !== undefined && (
            <button
              type="button"
              className="btn btn-secondary"
              disabled={message === null}
              title={message ? undefined : t('chat.internal.needsCompany')}
              data-testid="team-message"
              onClick={() => message?.({ id: agent.personId })}
            >
              {t('chat.internal.messageShort')}
            </button>
          )}
          {SETTABLE.map((status) => (
            <button
              key={status}
              type="button"
              className="btn btn-secondary"
              disabled={busy || agent.status === status}
              data-testid={`team-set-${status}`}
              onClick={() => void setStatus(status)}
            >
              {t('team.actions.set', { status: t(`agent.status.${status}`) })}
            </button>
          ))}
          <button
            type="button"
            className="btn btn-secondary"
            disabled={busy}
            aria-expanded={reasonsOpen}
            data-testid="team-set-break"
            onClick={() => setReasonsOpen((was) => !was)}
          >
            {t('team.actions.set', { status: t('agent.status.break') })}
            <span aria-hidden="true">{reasonsOpen ? ' ▾' : ' ▸'}</span>
          </button>
          {reasonsOpen && (
            <div className="team-break-reasons" role="group" aria-label={t('agent.breakReasons')}>
              {breakReasons.map((reason, index) => (
                <button
                  key={reason}
                  type="button"
                  className="btn btn-secondary"
                  disabled={busy || (agent.status === 'break' && agent.reason === reason)}
                  data-testid={`team-break-reason-${index}`}
                  onClick={() => void setStatus('break', reason)}
                >
                  {reason}
                </button>
              ))}
            </div>
          )}
          <button
            type="button"
            className="btn btn-secondary"
            disabled={busy}
            data-testid="team-set-offline"
            onClick={() => setConfirmOffline(true)}
          >
            {t('team.actions.offline')}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            aria-expanded={showCalls}
            data-testid="team-calls-button"
            onClick={() => setShowCalls((shown) => !shown)}
          >
            {t('team.actions.callsToday')}
          </button>
        </div>
      )}
      {showCalls && (
        <section className="team-agent-calls" aria-label={t('team.actions.callsToday')} data-testid="team-agent-calls">
          {calls === null ? (
            <p className="muted">{t('team.actions.loading')}</p>
          ) : calls.length === 0 ? (
            <p className="muted">{t('team.actions.noCalls')}</p>
          ) : (
            <ul>
              {calls.map((call) => (
                <li key={call.id} data-testid="team-agent-call">
                  <span>{clockTime(call.answeredAt, i18n.language)}</span>
                  <span>
                    {t(call.direction === 'incoming' ? 'team.callIncoming' : 'team.callOutgoing', {
                      party: call.party,
                      duration: talkDuration(
                        Math.round(((call.endedAt ?? Date.now()) - call.answeredAt) / 1000),
                        i18n.language,
                      ),
                    })}
                  </span>
                  {call.endedAt === null && <span className="muted">{t('team.actions.ongoing')}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {error && (
        <div className="notice notice-error" role="alert" data-testid="team-action-error">
          {error}
        </div>
      )}
      {!confirmOffline && (
        <div className="modal-actions">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t('team.actions.close')}
          </button>
        </div>
      )}
    </Modal>
  );
}
