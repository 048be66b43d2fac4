/**
 * Tells a screen reader that a call is ringing, wherever focus is: a live region that is always in the
 * page (one that appears together with its text is often not read) and gets the caller's name when a
 * call comes in. The ringing overlay also takes focus, but the main window may not have it.
 */
import { useTranslation } from 'react-i18next';
import type { CallSnapshot } from '../../shared/domain.ts';

export function CallAnnouncer({ incoming }: { incoming: CallSnapshot | undefined }) {
  const { t } = useTranslation();
  const caller = incoming && (incoming.remoteName?.trim() || incoming.remoteNumber || t('call.unknownCaller'));
  return (
    <div className="visually-hidden" role="status" aria-live="assertive" data-testid="call-announcer">
      {caller ? t('a11y.incomingCall', { caller }) : ''}
    </div>
  );
}
