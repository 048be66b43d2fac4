/**
 * Secrets at rest: what a switchboard run leaves on disk. Another local user must not read the run
 * directory; the SIP accounts are digest hashes, so even a copy of it gives no password; and
 * Kamailio's routing questions are not answered on the public provisioning listener.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMobile } from './provisioning/demo-data.ts';
import { provisioningPaths } from './provisioning/paths.ts';
import type { SignInResult } from './provisioning/service.ts';
import { RecordingCodeCaller } from './provisioning/test-support/recording-code-caller.ts';
import { startSwitchboard, type RunningSwitchboard } from './switchboard.ts';
import { demoUsers } from './users.ts';

/** Every regular file under `dir` (sockets and the like skipped). */
async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path)));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('a switchboard run directory', () => {
  let switchboard: RunningSwitchboard;
  const caller = new RecordingCodeCaller();
  let signedIn: SignInResult;

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${switchboard.provisioningUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    switchboard = await startSwitchboard({ provisioning: { codeCaller: caller } });
    const lookup = await post('/v1/sign-in/lookup', { mobile: demoMobile });
    const companyId = (lookup['companies'] as { id: number }[])[0]!.id;
    await post('/v1/sign-in/code', { mobile: demoMobile, companyId, language: 'en' });
    const code = caller.lastCode(demoMobile);
    signedIn = (await post('/v1/sign-in/verify', { mobile: demoMobile, companyId, code })) as unknown as SignInResult;
  });
  afterAll(async () => {
    await switchboard?.stop();
  });

  it('is readable by the switchboard user only, and so are its secrets', async () => {
    const { runDir } = switchboard;
    expect(await mode(runDir)).toBe(0o700);
    for (const name of ['kamailio.cfg', 'internal-secret', 'switchboard.sqlite', 'tls-key.pem', 'tls.cfg'])
      expect(await mode(join(runDir, name)), name).toBe(0o600);
  });

  it('holds no SIP password in plain text anywhere: not a signed-in device’s, not a demo user’s', async () => {
    expect(signedIn.sip.password.length).toBeGreaterThan(20);
    const secrets = [signedIn.sip.password, ...demoUsers.map((user) => user.password)];
    const subscriberDb = await readFile(provisioningPaths(switchboard.runDir).subscriberDb);
    for (const secret of secrets) expect(subscriberDb.includes(secret), secret).toBe(false);
    const leaks: string[] = [];
    for (const file of await filesUnder(switchboard.runDir)) {
      const bytes = await readFile(file);
      for (const secret of secrets) if (bytes.includes(secret)) leaks.push(`${file} holds ${secret}`);
    }
    expect(leaks).toEqual([]);
  });

  it("answers Kamailio's routing questions on a loopback listener of their own, never on the public one", async () => {
    const config = await readFile(join(switchboard.runDir, 'kamailio.cfg'), 'utf8');
    const internalUrl = /!SB_ROUTING_URL!(http:\/\/127\.0\.0\.1:\d+)!/.exec(config)?.[1];
    const secret = (await readFile(join(switchboard.runDir, 'internal-secret'), 'utf8')).trim();
    expect(internalUrl).toBeDefined();
    expect(internalUrl).not.toBe(switchboard.provisioningUrl);
    const question = '/internal/route?call=c1&from=8001&to=8002';
    const headers = { 'x-switchboard-secret': secret };
    const onPublic = await fetch(`${switchboard.provisioningUrl}${question}`, { headers });
    expect(onPublic.status).toBe(404);
    const onInternal = await fetch(`${internalUrl}${question}`, { headers });
    expect(onInternal.status).toBe(200);
    expect(await onInternal.text()).toMatch(/^(direct|reject|forward|ring)\b/);
  });
});
