/**
 * PREVIEW ONLY. The Team tab's verbs of the preview's SwitchboardApi (preview-api.ts): setting an agent's
 * status changes the sample row and tells the window as main would (a `team` update).
 */
import type { SwitchboardApi, UiEvent, UiEventPayload } from '../../shared/ipc/contract.ts';
import type { TeamSnapshot } from '../../shared/team.ts';
import { applyTeamUpdate } from '../../shared/team-table.ts';
import { ok } from './preview-ok.ts';

type TeamVerbs = Pick<SwitchboardApi, 'getTeam' | 'setTeamAgentStatus' | 'getAgentCallsToday'>;

export function previewTeamVerbs(
  sample: TeamSnapshot | undefined,
  emit: <E extends UiEvent>(event: E, payload: UiEventPayload<E>) => void,
): TeamVerbs {
  let snapshot = sample ? structuredClone(sample) : null;
  return {
    getTeam: () => ok({ snapshot: snapshot ? structuredClone(snapshot) : null, live: snapshot !== null }),
    setTeamAgentStatus: ({ extension, status, reason }) => {
      const row = snapshot?.agents.find((a) => a.extension === extension);
      if (row) {
        const agent = { ...row, status, reason, since: Date.now(), call: status === 'offline' ? null : row.call };
        snapshot = applyTeamUpdate(snapshot, { kind: 'agent', agent });
        emit('team', { kind: 'agent', agent });
      }
      return ok(undefined);
    },
    getAgentCallsToday: ({ extension }) => {
      const row = snapshot?.agents.find((a) => a.extension === extension);
      const now = Date.now();
      const ended = Array.from({ length: Math.min(row?.callsToday ?? 0, 6) }, (_, i) => ({
        id: `${extension}-${i}`,
        direction: i % 3 === 0 ? ('outgoing' as const) : ('incoming' as const),
        party: `+86 138 0013 ${String(8100 + i)}`,
        answeredAt: now - (i + 1) * 47 * 60_000,
        endedAt: now - (i + 1) * 47 * 60_000 + (150 + i * 40) * 1000,
        wrapMs: 30_000,
      }));
      const current = row?.call ? [{ id: `${extension}-now`, ...row.call, endedAt: null, wrapMs: 0 }] : [];
      return ok([...current, ...ended]);
    },
  };
}
