/**
 * The active call: who, what is happening, how long, and Hang up. The empty
 * `call-controls` row is where mute/hold/keypad/transfer will go. Once the call
 * has ended it shows how (busy, failed…) with the server's words, and no Hang up.
 */
import { useTranslation } from 'react-i18next';
import type { CallSnapshot } from '../../shared/domain.ts';
import { Avatar } from '../components/Avatar.tsx';
import { HangUpIcon } from '../components/icons.tsx';
import { useCallAction } from '../state/use-call-action.ts';
import { CallTimer } from './CallTimer.tsx';

export function InCallView({ call }: { call: CallSnapshot }) {
  const { t } = useTranslation();
  const { run, pending, error } = useCallAction(call.id);
  const name = call.remoteName?.trim();
  const ended = call.phase === 'ended';
  const endOutcome = ended && call.outcome !== undefined && call.outcome !== 'answered' ? call.outcome : null;
  return (
    <main className="incall" data-testid="in-call" aria-labelledby="incall-name">
      <div className="incall-party">
        <div className={`incall-avatar${call.phase === 'connected' || ended ? '' : ' pulsing'}`}>
          <Avatar name={name} size="lg" />
        </div>
        <h1 id="incall-name" className="incall-name">
          {name || call.remoteNumber || t('call.unknownCaller')}
        </h1>
        {name && call.remoteNumber && <div className="incall-number">{call.remoteNumber}</div>}
        <div className="incall-status">
          <span className="call-phase" data-testid="call-phase" data-phase={call.phase} role="status">
            {t(`call.phase.${call.phase}`)}
          </span>
          {call.answeredAt !== undefined && <CallTimer answeredAt={call.answeredAt} endedAt={call.endedAt} />}
        </div>
        {endOutcome && (
          <div className="incall-end-reason" data-testid="call-end-reason" role="alert">
            {t(`callLog.outcome.${endOutcome}`)}
            {call.endReason && <span className="incall-end-detail">{call.endReason}</span>}
          </div>
        )}
      </div>

      <div className="call-controls" aria-hidden="true" />

      <div className="incall-footer">
        {error && (
          <div className="call-action-error" role="alert">
            {t('call.actionFailed')} · {error}
          </div>
        )}
        {!ended && (
          <>
            <button
              type="button"
              className="call-btn call-btn-red"
              data-testid="hangup-button"
              aria-label={t('call.hangup')}
              disabled={pending !== null}
              onClick={() => void run('hangup')}
            >
              <HangUpIcon size={30} />
            </button>
            <span className="call-btn-caption" aria-hidden="true">
              {t('call.hangup')}
            </span>
          </>
        )}
      </div>
    </main>
  );
}
