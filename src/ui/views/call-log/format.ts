/** How the call history words and groups its rows: labels, times, days. */
import type { TFunction } from 'i18next';
import type { CallLogEntry } from '../../../shared/domain.ts';

/** Calls that never connected an incoming caller to us are "missed" in the red sense. */
export const isMissed = (entry: CallLogEntry) => entry.direction === 'incoming' && entry.outcome === 'missed';

export function outcomeLabel(t: TFunction, entry: CallLogEntry): string {
  if (entry.outcome === 'answered') return t(`callLog.outcome.answered-${entry.direction}`);
  return t(`callLog.outcome.${entry.outcome ?? 'unknown'}`);
}

export const dayStart = (at: number) => {
  const d = new Date(at);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
};

/** "Today", "Yesterday", or the date in the UI's language, for a day's group header. */
export function dayLabel(t: TFunction, language: string, day: number, now: number): string {
  const days = Math.round((dayStart(now) - day) / 86_400_000);
  if (days === 0) return t('callLog.today');
  if (days === 1) return t('callLog.yesterday');
  const sameYear = new Date(day).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(language, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(day);
}

export function groupByDay(entries: CallLogEntry[]): Array<{ day: number; entries: CallLogEntry[] }> {
  const groups: Array<{ day: number; entries: CallLogEntry[] }> = [];
  for (const entry of entries) {
    const day = dayStart(entry.startedAt);
    const last = groups.at(-1);
    if (last?.day === day) last.entries.push(entry);
    else groups.push({ day, entries: [entry] });
  }
  return groups;
}
