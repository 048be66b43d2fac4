/** Sets up a hotline in the reference switchboard's demo company the way an administrator would (admin CLI's functions). */
import type { RunningSwitchboard } from '../../switchboard/index.ts';
import { addCallGroup, setAgentPolicy, type NewCallGroup } from '../../switchboard/provisioning/call-groups.ts';
import type { AgentPolicy } from '../../switchboard/provisioning/agent-status.ts';
import { openProvisioningDb } from '../../switchboard/provisioning/db.ts';
import { provisioningPaths } from '../../switchboard/provisioning/paths.ts';

/** Adds the group to the company of its first member, and changes that company's policy if asked. */
export function addCompanyCallGroup(
  switchboard: RunningSwitchboard,
  group: NewCallGroup,
  policy: Partial<AgentPolicy> = {},
): void {
  const db = openProvisioningDb(provisioningPaths(switchboard.runDir).db);
  try {
    const { company_id: companyId } = db
      .prepare('SELECT company_id FROM people WHERE extension = ?')
      .get(group.members[0]) as { company_id: number };
    addCallGroup(db, companyId, group);
    if (Object.keys(policy).length > 0) setAgentPolicy(db, companyId, policy);
  } finally {
    db.close();
  }
}

/** Changes the policy of the company this extension belongs to (as the admin CLI's set-agent-policy does). */
export function setCompanyAgentPolicy(
  switchboard: RunningSwitchboard,
  extension: string,
  policy: Partial<AgentPolicy>,
): void {
  const db = openProvisioningDb(provisioningPaths(switchboard.runDir).db);
  try {
    const { company_id: companyId } = db
      .prepare('SELECT company_id FROM people WHERE extension = ?')
      .get(extension) as { company_id: number };
    setAgentPolicy(db, companyId, policy);
  } finally {
    db.close();
  }
}
