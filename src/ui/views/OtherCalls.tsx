/** The calls besides the one on screen (held, or being set up), each with "Switch" to talk on it instead. */
import { useTranslation } from 'react-i18next';
import type { CallSnapshot } from '../../shared/domain.ts';
import { PauseIcon, SwapIcon } from '../components/icons.tsx';
import { useCallAction } from '../state/use-call-action.ts';

export function OtherCalls({ calls }: { calls: CallSnapshot[] }) {
  const { t } = useTranslation();
  if (calls.length === 0) return null;
  return (
    <ul className="other-calls" aria-label={t('twoCalls.label')} data-testid="other-calls">
      {calls.map((call) => (
        <OtherCall key={call.id} call={call} />
      ))}
    </ul>
  );
}

function OtherCall({ call }: { call: CallSnapshot }) {
  const { t } = useTranslation();
  const { run, pending, error } = useCallAction(call.id);
  const name = call.remoteName?.trim() || call.remoteNumber || t('call.unknownCaller');
  return (
    <li className="other-call" data-testid="other-call" data-number={call.remoteNumber} data-phase={call.phase}>
      {/* State and name wrap onto two lines before Switch is pushed out of a narrow (or zoomed) window. */}
      <span className="other-call-who">
        <span className="other-call-state">
          {call.held ? <PauseIcon size={12} /> : null}
          <span className="other-call-state-text">
            {call.held ? t('twoCalls.held') : t(`call.phase.${call.phase}`)}
          </span>
        </span>
        <span className="other-call-name">{name}</span>
      </span>
      {error && (
        <span className="other-call-error" role="alert">
          {error}
        </span>
      )}
      <button
        type="button"
        className="other-call-switch"
        data-testid="switch-call"
        aria-label={t('twoCalls.switch', { name })}
        disabled={call.phase !== 'connected' || pending !== null}
        onClick={() => void run('switchCall')}
      >
        <SwapIcon size={14} />
        {t('twoCalls.switchShort')}
      </button>
    </li>
  );
}
