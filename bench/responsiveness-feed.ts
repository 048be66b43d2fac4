/**
 * The provisioning service for the responsiveness benchmark, in a process of its own: serving a
 * 500k-person directory costs the server real CPU (queries, JSON), and that must not count as the
 * app's stalls. Fills one company per size given on the command line (bench/directory-data.ts),
 * signs one device in for each, and prints one JSON line: { devices: { [size]: device } }.
 * Runs until its parent closes stdin.
 */
import { testProvisioningService } from '../switchboard/provisioning/test-support/test-service.ts';
import { join } from 'node:path';
import { openProvisioningDb } from '../switchboard/provisioning/db.ts';
import { createProvisioningServer, listen } from '../switchboard/provisioning/http.ts';
import { ManualClock } from '../switchboard/provisioning/test-support/manual-clock.ts';
import { RecordingCodeCaller } from '../switchboard/provisioning/test-support/recording-code-caller.ts';
import type { ProvisionedDevice } from '../src/shared/domain.ts';
import { fillCompany } from './directory-data.ts';

const [dir, ...sizeArgs] = process.argv.slice(2);
if (!dir || sizeArgs.length === 0) throw new Error('usage: responsiveness-feed.ts <dir> <size>...');

// One database and server per company: the synthetic companies share mobile numbers.
const devices: Record<number, ProvisionedDevice> = {};
for (const n of sizeArgs.map(Number)) {
  const db = openProvisioningDb(join(dir, `provisioning-${n}.sqlite`));
  const { companyId, people } = fillCompany(db, n);
  const caller = new RecordingCodeCaller();
  const service = testProvisioningService(db, {
    clock: new ManualClock(Date.now()),
    caller,
    limits: { lookupsPerAddressPerHour: 1e9 },
  }).service;
  const url = await listen(createProvisioningServer({ service }));
  const mobile = people[0]!.mobile;
  await service.requestCode({ mobile, companyId, language: 'en' }, '127.0.0.1');
  const signedIn = await service.verify({ mobile, companyId, code: caller.lastCode(mobile)! }, '127.0.0.1');
  devices[n] = { serviceUrl: url, deviceId: signedIn.device.id, token: signedIn.device.token, companyId, mobile };
}
process.stdout.write(`${JSON.stringify({ devices })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
