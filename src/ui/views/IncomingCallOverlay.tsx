/**
 * A ringing call on top of whatever is showing: who calls, and Answer / Decline. During
 * another call it is "Call waiting": answering puts that call on hold, Decline sends busy.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSnapshot } from '../../shared/domain.ts';
import { Avatar } from '../components/Avatar.tsx';
import { HangUpIcon, PhoneIcon } from '../components/icons.tsx';
import { useCallAction } from '../state/use-call-action.ts';
import { useElapsed } from '../state/use-now.ts';
import { AnswerShortcutHint } from './AnswerShortcutHint.tsx';

export function IncomingCallOverlay({
  call,
  waitingFor,
}: {
  call: CallSnapshot;
  waitingFor?: CallSnapshot | undefined;
}) {
  const { t } = useTranslation();
  const { run, pending, error } = useCallAction(call.id);
  const dialog = useRef<HTMLDivElement>(null);
  const name = call.remoteName?.trim();

  // Move focus into the dialog so screen readers announce it and Tab reaches the buttons first;
  // focus goes to the dialog itself, not Answer, so a stray Enter cannot pick up the call.
  useEffect(() => dialog.current?.focus(), [call.id]);

  return (
    <div className="overlay">
      <div
        ref={dialog}
        className="incoming"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="incoming-title"
        aria-describedby="incoming-caller"
        data-testid="incoming-call"
        tabIndex={-1}
      >
        <div className="incoming-title" id="incoming-title" data-waiting={waitingFor ? 'true' : undefined}>
          {waitingFor ? t('twoCalls.waitingTitle') : t('call.incomingTitle')}
        </div>
        <div className="incoming-party" id="incoming-caller">
          <div className="incall-avatar pulsing">
            <Avatar name={name} size="lg" />
          </div>
          <div className="incall-name">{name || call.remoteNumber || t('call.unknownCaller')}</div>
          {name && call.remoteNumber && <div className="incall-number">{call.remoteNumber}</div>}
          {call.group && (
            <div className="incoming-group" data-testid="incoming-group" data-group={call.group}>
              {t('agent.viaGroup', { group: call.groupName ? `${call.groupName} (${call.group})` : call.group })}
            </div>
          )}
          {call.autoAnswer ? (
            <div className="incoming-countdown" data-testid="auto-answering">
              {t('agent.autoAnswering')}
            </div>
          ) : (
            call.ringTimeoutSec !== undefined && (
              <RingCountdown startedAt={call.startedAt} timeoutSec={call.ringTimeoutSec} />
            )
          )}
          {waitingFor && (
            <div className="incoming-waiting-hint" data-testid="call-waiting-hint">
              {t('twoCalls.waitingHint', {
                name: waitingFor.remoteName?.trim() || waitingFor.remoteNumber || t('call.unknownCaller'),
              })}
            </div>
          )}
        </div>
        {error && (
          <div className="call-action-error" role="alert">
            {t('call.actionFailed')} · {error}
          </div>
        )}
        <div className="incoming-actions">
          <div className="incoming-action">
            <button
              type="button"
              className="call-btn call-btn-red"
              data-testid="decline-button"
              aria-label={t('call.decline')}
              disabled={pending !== null}
              onClick={() => void run('decline')}
            >
              <HangUpIcon size={30} />
            </button>
            <span className="call-btn-caption" aria-hidden="true">
              {t('call.decline')}
            </span>
          </div>
          <div className="incoming-action">
            <button
              type="button"
              className="call-btn call-btn-green"
              data-testid="answer-button"
              aria-label={t('call.answer')}
              disabled={pending !== null}
              onClick={() => void run('answer')}
            >
              <PhoneIcon size={30} />
            </button>
            <span className="call-btn-caption" aria-hidden="true">
              {t('call.answer')}
            </span>
          </div>
        </div>
        <AnswerShortcutHint />
      </div>
    </div>
  );
}

/** How long the switchboard lets this call ring here before it moves on (X-Switchboard-Ring-Timeout). */
function RingCountdown({ startedAt, timeoutSec }: { startedAt: number; timeoutSec: number }) {
  const { t } = useTranslation();
  const elapsed = useElapsed(startedAt);
  const seconds = Math.max(0, timeoutSec - Math.floor(elapsed / 1000));
  return (
    <div className="incoming-countdown" data-testid="ring-countdown" data-seconds={seconds}>
      <span className="ring-countdown-bar" style={{ width: `${(seconds / timeoutSec) * 100}%` }} aria-hidden="true" />
      <span className="ring-countdown-text">{t('agent.ringCountdown', { seconds })}</span>
    </div>
  );
}
