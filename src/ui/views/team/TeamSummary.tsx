/** The groups the team answers for, above the table: what waits, the longest wait, who is available. */
import { useTranslation } from 'react-i18next';
import type { TeamGroup } from '../../../shared/team.ts';
import type { TeamSummary as Summary } from '../../../shared/team-table.ts';
import { talkDuration } from '../../format/locale-format.ts';

export function TeamSummary({ summary, groups, now }: { summary: Summary; groups: readonly TeamGroup[]; now: number }) {
  const { t, i18n } = useTranslation();
  const wait = (since: number | null) =>
    since === null ? '–' : talkDuration(Math.max(0, Math.round((now - since) / 1000)), i18n.language);
  return (
    <section className="team-summary" aria-label={t('team.summary.label')} data-testid="team-summary">
      <div className="team-totals">
        <span data-testid="team-total-agents">{t('team.summary.agents', { count: summary.agents })}</span>
        <span>{t('team.summary.available', { count: summary.available })}</span>
        <span>{t('team.summary.onCall', { count: summary.byStatus['on-call'] })}</span>
        <span data-testid="team-total-waiting">
          {t('team.summary.waiting', { calls: summary.callsWaiting, chats: summary.chatsWaiting })}
        </span>
        <span>{t('team.summary.longestWait', { wait: wait(summary.waitingSince) })}</span>
      </div>
      <ul className="team-groups">
        {groups.map((group) => (
          <li key={group.key} className="team-group" data-testid="team-group" data-key={group.key}>
            <span className="team-group-name">
              {group.kind === 'call'
                ? t('team.group.call', { name: group.name, number: group.number ?? '' })
                : t('team.group.chat', { name: group.name })}
            </span>
            <span
              className={group.callsWaiting + group.chatsWaiting > 0 ? 'team-waiting team-waiting-on' : 'team-waiting'}
            >
              {group.kind === 'call'
                ? t('team.group.callsWaiting', { count: group.callsWaiting })
                : t('team.group.chatsWaiting', { count: group.chatsWaiting })}
            </span>
            <span>{t('team.group.longest', { wait: wait(group.waitingSince) })}</span>
            <span>{t('team.group.available', { available: group.available, members: group.members })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
