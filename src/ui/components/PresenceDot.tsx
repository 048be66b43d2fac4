/** A coloured dot for a working status, and the words for it ("On break · Lunch"). */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import '../views/agent/agent.css';
import { NOT_RESPONDING, type Status } from '../../shared/presence.ts';

export function statusText(t: TFunction, status: Status, reason: string | null): string {
  const name = t(`agent.status.${status}`);
  if (!reason) return name;
  return t('agent.withReason', { status: name, reason: reason === NOT_RESPONDING ? t('agent.notResponding') : reason });
}

export function PresenceDot({ status, size = 10 }: { status: Status | undefined; size?: number }) {
  return (
    <span
      className="presence-dot"
      data-testid="presence-dot"
      data-status={status ?? 'unknown'}
      style={{ width: size, height: size }}
      aria-hidden="true"
    />
  );
}

/** Dot and words, for rows and cards. */
export function PresenceLabel({ status, reason }: { status: Status; reason: string | null }) {
  const { t } = useTranslation();
  return (
    <span className="presence-label" data-testid="presence-label" data-status={status}>
      <PresenceDot status={status} size={8} />
      {statusText(t, status, reason)}
    </span>
  );
}
