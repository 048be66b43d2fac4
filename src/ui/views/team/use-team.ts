/**
 * The team as main has it, kept current by the `team` events: the whole team is asked for once when the
 * Team tab opens, then each update changes one row (applyTeamUpdate), so a 1,000-agent team is not sent
 * again at every status change.
 */
import { useEffect, useState } from 'react';
import type { SwitchboardApi } from '../../../shared/ipc/contract.ts';
import type { TeamState } from '../../../shared/team.ts';
import { applyTeamUpdate } from '../../../shared/team-table.ts';

export function useTeam(api: SwitchboardApi): TeamState {
  const [team, setTeam] = useState<TeamState>({ snapshot: null, live: false });
  useEffect(() => {
    let asked = false;
    const stop = api.on('team', (update) => {
      if (update.kind === 'live') setTeam((current) => ({ ...current, live: update.live }));
      else setTeam((current) => ({ ...current, snapshot: applyTeamUpdate(current.snapshot, update) }));
    });
    void api.getTeam({}).then((result) => {
      // An update that came before the answer is in the answer too: main applied it first.
      if (result.ok && !asked) setTeam(result.value);
      asked = true;
    });
    return () => {
      asked = true;
      stop();
    };
  }, [api]);
  return team;
}
