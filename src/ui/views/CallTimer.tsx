/** Live talk time since the call was answered; frozen at the end once the call is over. */
import { formatTimer } from '../format/timer.ts';
import { useElapsed } from '../state/use-now.ts';

export function CallTimer({ answeredAt, endedAt }: { answeredAt: number; endedAt?: number | undefined }) {
  const elapsed = useElapsed(answeredAt);
  return (
    // role=timer is a live region that is off: a screen reader reads the time when asked, not every second.
    <span className="call-timer" data-testid="call-timer" role="timer" aria-live="off">
      {formatTimer((endedAt !== undefined ? endedAt - answeredAt : elapsed) / 1000)}
    </span>
  );
}
