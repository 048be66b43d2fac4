/**
 * The small always-on-top window main opens when a call rings (or a chat is offered) while the
 * main window is hidden or behind others: who calls, Answer and Decline. Main closes it once the
 * call is answered, declined or gone; answering brings the main window up.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useElapsed } from '../state/use-now.ts';
import type { CallSnapshot } from '../../shared/domain.ts';
import { Avatar } from '../components/Avatar.tsx';
import { ChatOfferWindow } from './chat/ChatOfferWindow.tsx';
import { HangUpIcon, PhoneIcon } from '../components/icons.tsx';
import { useApi } from '../state/api-context.ts';
import { useAppState } from '../state/use-app-state.ts';
import { useDisplay } from '../state/use-display.ts';
import { useCallAction } from '../state/use-call-action.ts';

export function CallWindowView() {
  const api = useApi();
  const { i18n } = useTranslation();
  const { view } = useAppState(api);
  const language = view.kind === 'ready' ? view.state.language : null;
  useDisplay(view.kind === 'ready' ? view.state.display : null);
  useEffect(() => {
    if (language && i18n.language !== language) void i18n.changeLanguage(language);
  }, [language, i18n]);
  const call = view.kind === 'ready' ? view.state.calls.find((c) => c.phase === 'incoming') : undefined;
  // A ringing call first; else the chat offered (the window opens for both, incoming-call-popup.ts).
  const offer = view.kind === 'ready' ? view.state.chat?.offers[0] : undefined;
  if (call) return <RingingCall key={call.id} call={call} />;
  if (offer) return <ChatOfferWindow key={offer.id} offer={offer} />;
  return <div className="call-window" data-testid="call-window" />;
}

function RingingCall({ call }: { call: CallSnapshot }) {
  const { t } = useTranslation();
  const { run, pending, error } = useCallAction(call.id);
  const name = call.remoteName?.trim();
  return (
    <div
      className="call-window"
      role="alertdialog"
      aria-labelledby="call-window-caller"
      aria-describedby="call-window-title"
      data-testid="call-window"
    >
      <div className="call-window-party">
        <Avatar name={name} />
        <div className="call-window-who">
          <div className="call-window-title" id="call-window-title">
            {call.group
              ? t('agent.viaGroup', { group: call.groupName ? `${call.groupName} (${call.group})` : call.group })
              : t('desktop.incoming.title')}
            {call.ringTimeoutSec !== undefined && !call.autoAnswer && (
              <SecondsLeft startedAt={call.startedAt} timeoutSec={call.ringTimeoutSec} />
            )}
          </div>
          <div className="call-window-name" id="call-window-caller" data-testid="call-window-caller">
            {name || call.remoteNumber || t('call.unknownCaller')}
          </div>
          {name && call.remoteNumber && <div className="call-window-number">{call.remoteNumber}</div>}
        </div>
      </div>
      {error && (
        <div className="call-action-error" role="alert">
          {t('call.actionFailed')} · {error}
        </div>
      )}
      <div className="call-window-actions">
        <button
          type="button"
          className="btn call-window-decline"
          data-testid="call-window-decline"
          disabled={pending !== null}
          onClick={() => void run('decline')}
        >
          <HangUpIcon size={18} />
          {t('desktop.incoming.decline')}
        </button>
        <button
          type="button"
          className="btn call-window-answer"
          data-testid="call-window-answer"
          disabled={pending !== null}
          onClick={() => void run('answer')}
        >
          <PhoneIcon size={18} />
          {t('desktop.incoming.answer')}
        </button>
      </div>
    </div>
  );
}

/** The ring countdown, compact: " · 14 s". */
function SecondsLeft({ startedAt, timeoutSec }: { startedAt: number; timeoutSec: number }) {
  const elapsed = useElapsed(startedAt);
  const seconds = Math.max(0, timeoutSec - Math.floor(elapsed / 1000));
  return (
    <span data-testid="ring-countdown" data-seconds={seconds}>
      {` · ${seconds} s`}
    </span>
  );
}
