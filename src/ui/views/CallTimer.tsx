/** Live talk time since the call was answered. */
import { formatTimer } from '../format/timer.ts';
import { useElapsed } from '../state/use-now.ts';

export function CallTimer({ answeredAt }: { answeredAt: number }) {
  const elapsed = useElapsed(answeredAt);
  return (
    <span className="call-timer" data-testid="call-timer" role="timer">
      {formatTimer(elapsed / 1000)}
    </span>
  );
}
