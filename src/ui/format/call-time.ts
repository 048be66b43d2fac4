/**
 * When a call happened, in the user's local time, phrased the way phone call
 * logs do: "today 14:05", "yesterday 09:12", "11-20 09:12", "2023-11-20".
 * Returns which phrase to use so the caller translates "today"/"yesterday".
 */
export type CallTimeLabel = { kind: 'today' | 'yesterday'; time: string } | { kind: 'date'; text: string };

const pad = (n: number) => String(n).padStart(2, '0');

export function describeCallTime(startedAt: number, now: number): CallTimeLabel {
  const when = new Date(startedAt);
  const today = new Date(now);
  const time = `${pad(when.getHours())}:${pad(when.getMinutes())}`;
  const dayStart = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((dayStart(today) - dayStart(when)) / 86_400_000);
  if (days === 0) return { kind: 'today', time };
  if (days === 1) return { kind: 'yesterday', time };
  const monthDay = `${pad(when.getMonth() + 1)}-${pad(when.getDate())}`;
  if (when.getFullYear() === today.getFullYear()) return { kind: 'date', text: `${monthDay} ${time}` };
  return { kind: 'date', text: `${when.getFullYear()}-${monthDay}` };
}

/** Splits a talk time into the parts the translated "2m 15s" phrases need. */
export function splitDuration(totalSeconds: number): { h: number; m: number; s: number } {
  const t = Math.max(0, Math.floor(totalSeconds));
  return { h: Math.floor(t / 3600), m: Math.floor((t % 3600) / 60), s: t % 60 };
}
