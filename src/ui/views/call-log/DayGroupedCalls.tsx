/** Calls grouped under day headings, newest first, with the next page loaded on scroll. */
import { useTranslation } from 'react-i18next';
import type { CallLogEntry } from '../../../shared/domain.ts';
import { HistoryRow } from './HistoryRow.tsx';
import { MoreSentinel } from './MoreSentinel.tsx';
import { clockTime } from '../../format/locale-format.ts';
import { dayLabel, groupByDay } from './format.ts';

type Props = {
  testId: string;
  entries: CallLogEntry[];
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  canDial: boolean;
  onCall: (entry: CallLogEntry) => void;
  onDelete: (entry: CallLogEntry) => void;
  /** Opens the number's history; absent where the list already is one number's history. */
  onOpen?: ((entry: CallLogEntry) => void) | undefined;
};

export function DayGroupedCalls({
  testId,
  entries,
  hasMore,
  loading,
  onMore,
  canDial,
  onCall,
  onDelete,
  onOpen,
}: Props) {
  const { t, i18n } = useTranslation();
  const now = Date.now();
  return (
    <div data-testid={testId}>
      {groupByDay(entries).map((group) => {
        const day = dayLabel(t, i18n.language, group.day, now);
        return (
          <section key={group.day} className="calllog-day" aria-label={day}>
            <h3 className="calllog-day-title" data-testid="call-log-day">
              {day}
            </h3>
            <ul className="calllog-list">
              {group.entries.map((entry) => (
                <HistoryRow
                  key={entry.id}
                  entry={entry}
                  time={clockTime(entry.startedAt, i18n.language)}
                  canDial={canDial}
                  onCall={() => onCall(entry)}
                  {...(onOpen ? { onOpen: () => onOpen(entry) } : {})}
                  onDelete={() => onDelete(entry)}
                />
              ))}
            </ul>
          </section>
        );
      })}
      {hasMore && <MoreSentinel loading={loading} onMore={onMore} />}
    </div>
  );
}
