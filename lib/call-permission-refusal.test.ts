import { describe, expect, it } from 'vitest';
import { callPermissionPhrase, permissionOfPhrase } from './call-permission-refusal.ts';

describe('the call-permission refusal phrase', () => {
  it.each(['internal', 'national'] as const)('reads back the %s permission the switchboard names', (permission) => {
    expect(permissionOfPhrase(callPermissionPhrase(permission))).toBe(permission);
  });

  it('reads any other reason (a busy line, a server error, nothing) as no permission refusal', () => {
    for (const phrase of ['Forbidden', 'Rejected', 'Call permission: international calls only', '', null, undefined]) {
      expect(permissionOfPhrase(phrase)).toBeNull();
    }
  });
});
