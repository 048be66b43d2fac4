/** On the in-call screen: our own working status ("On a call"), read-only; the menu is in the main window's header. */
import { useTranslation } from 'react-i18next';
import { PresenceDot, statusText } from '../../components/PresenceDot.tsx';
import { useAgent } from '../../state/agent-context.ts';

export function InCallStatus() {
  const { t } = useTranslation();
  const agent = useAgent();
  if (!agent || agent.availability === 'needs-number-sign-in') return null;
  return (
    <div className="incall-agent-status" data-testid="in-call-status" data-status={agent.status}>
      <PresenceDot status={agent.status} size={8} />
      {statusText(t, agent.status, agent.reason)}
    </div>
  );
}
