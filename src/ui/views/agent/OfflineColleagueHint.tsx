/**
 * On the dial pad: the number typed is the extension of a colleague who is Offline (no calls on the
 * computer), so offer their mobile instead before the switchboard refuses the call.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../state/api-context.ts';
import { usePersonPresence } from '../../state/presence-cache.ts';

const LOOKUP_DELAY_MS = 200;

export function OfflineColleagueHint({
  number,
  onCallMobile,
}: {
  number: string;
  onCallMobile: (mobile: string) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const extension = /^[0-9]{2,8}$/.test(number) ? number : undefined;
  const presence = usePersonPresence(api, extension);
  const offline = presence?.status === 'offline';
  const [colleague, setColleague] = useState<{ extension: string; name: string; mobile: string } | null>(null);

  useEffect(() => {
    if (!offline || !extension) return;
    let current = true;
    const timer = setTimeout(() => {
      void api.searchDirectory({ query: extension, limit: 5 }).then((result) => {
        const person = result.ok ? result.value.find((hit) => hit.person.extension === extension)?.person : undefined;
        if (current && person?.mobile) setColleague({ extension, name: person.name, mobile: person.mobile });
      });
    }, LOOKUP_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, extension, offline]);

  if (!offline || !colleague || colleague.extension !== extension) return null;
  return (
    <div className="offline-colleague" data-testid="colleague-offline">
      <span className="offline-colleague-text">{t('agent.colleagueOfflineShort', { name: colleague.name })}</span>
      <button
        type="button"
        className="btn btn-primary btn-small"
        data-testid="call-mobile-instead"
        onClick={() => onCallMobile(colleague.mobile)}
      >
        {t('agent.callMobileInstead')}
      </button>
    </div>
  );
}
