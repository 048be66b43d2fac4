/**
 * The team's agents as a virtualized table (@tanstack/react-virtual, already used by the directory): only
 * the rows in view are in the page, so 1,000 agents scroll and update like 10. Column headers sort
 * (aria-sort says how); each row has its actions button.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParseKeys } from 'i18next';
import type { TeamAgent } from '../../../shared/team.ts';
import type { TeamSort, TeamSortKey } from '../../../shared/team-table.ts';
import { PresenceLabel } from '../../components/PresenceDot.tsx';
import { talkDuration } from '../../format/locale-format.ts';

const COLUMNS: ReadonlyArray<{ key: TeamSortKey; label: ParseKeys }> = [
  { key: 'name', label: 'team.column.agent' },
  { key: 'status', label: 'team.column.status' },
  { key: 'since', label: 'team.column.since' },
  { key: 'call', label: 'team.column.call' },
  { key: 'chatsOpen', label: 'team.column.chatsOpen' },
  { key: 'callsToday', label: 'team.column.callsToday' },
  { key: 'chatsToday', label: 'team.column.chatsToday' },
  { key: 'aht', label: 'team.column.aht' },
];

const ROW_PX = 44;

type Props = {
  agents: readonly TeamAgent[];
  sort: TeamSort;
  now: number;
  onSort: (key: TeamSortKey) => void;
  onActions: (agent: TeamAgent, button: HTMLElement) => void;
};

export function TeamTable({ agents, sort, now, onSort, onActions }: Props) {
  const { t, i18n } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: agents.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 8,
    getItemKey: (index) => agents[index]!.extension,
  });
  // At least a second: a status or call that began this instant still reads as a time, not as nothing.
  const duration = (from: number) => talkDuration(Math.max(1, Math.round((now - from) / 1000)), i18n.language);

  return (
    <div
      className="team-table"
      role="table"
      aria-label={t('team.tableLabel')}
      aria-rowcount={agents.length + 1}
      data-testid="team-table"
    >
      <div className="team-row team-head" role="row" aria-rowindex={1}>
        {COLUMNS.map((column) => (
          <div
            key={column.key}
            role="columnheader"
            className={`team-cell team-col-${column.key}`}
            aria-sort={sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
          >
            <button
              type="button"
              className="team-sort"
              onClick={() => onSort(column.key)}
              data-testid={`team-sort-${column.key}`}
            >
              {t(column.label)}
              <span aria-hidden="true">{sort.key === column.key ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
            </button>
          </div>
        ))}
        <div role="columnheader" className="team-cell team-col-actions">
          <span className="visually-hidden">{t('team.column.actions')}</span>
        </div>
      </div>
      <div className="team-body" ref={scroller} role="rowgroup" data-testid="team-body">
        {agents.length === 0 && <p className="team-empty">{t('team.empty')}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const agent = agents[item.index]!;
            return (
              <div
                key={agent.extension}
                role="row"
                aria-rowindex={item.index + 2}
                className="team-row"
                data-testid="team-row"
                data-extension={agent.extension}
                data-status={agent.status}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_PX,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                <div role="cell" className="team-cell team-col-name">
                  <span className="team-name">{agent.name}</span>
                  <span className="team-ext">{agent.extension}</span>
                </div>
                <div role="cell" className="team-cell team-col-status" data-testid="team-status">
                  <PresenceLabel status={agent.status} reason={agent.reason} />
                </div>
                <div role="cell" className="team-cell team-col-since">
                  {duration(agent.since)}
                </div>
                <div role="cell" className="team-cell team-col-call" data-testid="team-call">
                  {agent.call
                    ? t(agent.call.direction === 'incoming' ? 'team.callIncoming' : 'team.callOutgoing', {
                        party: agent.call.party,
                        duration: duration(agent.call.answeredAt),
                      })
                    : '–'}
                </div>
                <div role="cell" className="team-cell team-col-chatsOpen">
                  {agent.chatsOpen}
                </div>
                <div role="cell" className="team-cell team-col-callsToday" data-testid="team-calls-today">
                  {agent.callsToday}
                </div>
                <div role="cell" className="team-cell team-col-chatsToday">
                  {agent.chatsToday}
                </div>
                <div role="cell" className="team-cell team-col-aht">
                  {agent.averageHandleMs === null
                    ? '–'
                    : talkDuration(Math.round(agent.averageHandleMs / 1000), i18n.language)}
                </div>
                <div role="cell" className="team-cell team-col-actions">
                  <button
                    type="button"
                    className="team-actions-button"
                    aria-label={t('team.actions.label', { name: agent.name })}
                    aria-haspopup="menu"
                    data-testid="team-actions"
                    onClick={(event) => onActions(agent, event.currentTarget)}
                  >
                    ⋯
                  </button>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
