import { randomBytes } from 'node:crypto';
import type { ProvisioningDb } from '../db.ts';
import { ProvisioningService, type ProvisioningServiceOptions } from '../service.ts';
import { ManualClock } from './manual-clock.ts';
import { MemorySipAccounts } from './memory-sip-accounts.ts';
import { RecordingCodeCaller } from './recording-code-caller.ts';

/**
 * TEST SUPPORT: a ProvisioningService over `db` that phones nobody (the codes it would read out are
 * in `caller`), keeps SIP accounts in memory and runs on a manual clock, unless `options` say otherwise.
 */
export function testProvisioningService(
  db: ProvisioningDb,
  options: Partial<Omit<ProvisioningServiceOptions, 'db' | 'caller'>> & { caller?: RecordingCodeCaller } = {},
): { service: ProvisioningService; caller: RecordingCodeCaller } {
  const caller = options.caller ?? new RecordingCodeCaller();
  const service = new ProvisioningService({
    db,
    clock: new ManualClock(),
    accounts: new MemorySipAccounts(),
    sip: { domain: '127.0.0.1', wsUrl: 'ws://127.0.0.1:1' },
    codePepper: randomBytes(32),
    ...options,
    caller,
  });
  return { service, caller };
}
