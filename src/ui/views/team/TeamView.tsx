/**
 * The Team tab (issue 19, role supervisor): the groups' queues on top, then every agent of the team in a
 * sortable table filtered by status and group, live from the team stream; the actions per agent.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusSchema } from '../../../shared/presence.ts';
import type { TeamAgent } from '../../../shared/team.ts';
import {
  DEFAULT_SORT,
  NO_FILTER,
  filterAgents,
  nextSort,
  sortAgents,
  summarize,
  type StatusFilter,
  type TeamFilter,
} from '../../../shared/team-table.ts';
import { useApi } from '../../state/api-context.ts';
import { useTick } from '../use-tick.ts';
import { AgentActions } from './AgentActions.tsx';
import { TeamSummary } from './TeamSummary.tsx';
import { TeamTable } from './TeamTable.tsx';
import { useTeam } from './use-team.ts';
import './team.css';

export function TeamView() {
  const { t } = useTranslation();
  const api = useApi();
  const { snapshot, live } = useTeam(api);
  const now = useTick(true);
  const [filter, setFilter] = useState<TeamFilter>(NO_FILTER);
  const [sort, setSort] = useState(DEFAULT_SORT);
  const [acting, setActing] = useState<string | null>(null);
  const agents = useMemo(() => snapshot?.agents ?? [], [snapshot]);
  const groups = useMemo(() => snapshot?.groups ?? [], [snapshot]);
  const filtered = useMemo(() => filterAgents(agents, filter), [agents, filter]);
  // Time columns sort against the moment the sort was asked for, not every tick (rows would jump).
  const [sortedAt, setSortedAt] = useState(() => Date.now());
  const shown = useMemo(() => sortAgents(filtered, sort, sortedAt), [filtered, sort, sortedAt]);
  const summary = useMemo(() => summarize(filtered, groups, filter.group), [filtered, groups, filter.group]);
  const actingAgent: TeamAgent | undefined = agents.find((a) => a.extension === acting);

  if (!snapshot) {
    return (
      <div className="team-view" data-testid="team-view">
        <p className="muted team-loading">{live ? t('team.empty') : t('team.connecting')}</p>
      </div>
    );
  }

  return (
    <div className="team-view" data-testid="team-view" data-live={live}>
      {!live && (
        <div className="notice" role="status" data-testid="team-reconnecting">
          {t('team.reconnecting')}
        </div>
      )}
      <TeamSummary
        summary={summary}
        groups={filter.group === 'all' ? groups : groups.filter((g) => g.key === filter.group)}
        now={now}
      />
      <div className="team-filters">
        <label>
          {t('team.filter.status')}
          <select
            value={filter.status}
            data-testid="team-filter-status"
            onChange={(event) => setFilter({ ...filter, status: event.target.value as StatusFilter })}
          >
            <option value="all">{t('team.filter.all')}</option>
            {StatusSchema.options.map((status) => (
              <option key={status} value={status}>
                {t(`agent.status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('team.filter.group')}
          <select
            value={filter.group}
            data-testid="team-filter-group"
            onChange={(event) => setFilter({ ...filter, group: event.target.value })}
          >
            <option value="all">{t('team.filter.all')}</option>
            {groups.map((group) => (
              <option key={group.key} value={group.key}>
                {group.name}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" data-testid="team-shown-count">
          {t('team.shown', { shown: shown.length, total: agents.length })}
        </span>
      </div>
      <TeamTable
        agents={shown}
        sort={sort}
        now={now}
        onSort={(key) => {
          setSortedAt(Date.now());
          setSort(nextSort(sort, key));
        }}
        onActions={(agent) => setActing(agent.extension)}
      />
      {actingAgent && <AgentActions agent={actingAgent} onClose={() => setActing(null)} />}
    </div>
  );
}
