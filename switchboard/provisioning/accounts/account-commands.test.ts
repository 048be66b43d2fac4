import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSubscriberDb } from '../../subscriber-db.ts';
import { runAdmin } from '../admin-commands.ts';
import { provisioningPaths } from '../paths.ts';
import { MailCatcher } from './mail-catcher.ts';

describe('admin CLI: accounts', () => {
  let runDir: string;
  let catcher: MailCatcher;

  beforeEach(async () => {
    runDir = await mkdtemp(join(tmpdir(), 'accounts-admin-'));
    createSubscriberDb(provisioningPaths(runDir).subscriberDb);
    catcher = await MailCatcher.start();
    // What a running switchboard leaves in its run directory for the CLI.
    await writeFile(provisioningPaths(runDir).mailCatcher, JSON.stringify({ host: catcher.host, port: catcher.port }));
  });
  afterEach(async () => {
    await catcher.stop();
    await rm(runDir, { recursive: true, force: true });
  });

  const admin = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdmin(['--run-dir', runDir, ...argv], { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  };

  it('adds an account whose first password arrives at the run’s mail catcher, within the company cap', async () => {
    expect((await admin('create-company', 'Harbor Support')).out).toEqual(['1']);
    await admin('add-person', '1', 'Anna Li', '+8613800138000', '8001');
    await admin('add-person', '1', 'Bo Wang', '+8613900139000', '8002');
    expect((await admin('set-account-cap', '1', '1')).code).toBe(0);

    const added = await admin(
      'add-account',
      '1',
      '8001',
      'anna@example.com',
      '--role',
      'both',
      '--teams',
      'Billing',
      '--language',
      'en',
    );
    expect(added).toMatchObject({ code: 0, out: ['account anna@example.com created; its first password was mailed'] });
    const mail = await catcher.waitFor((m) => m.to.includes('anna@example.com'));
    expect(mail.text).toMatch(/Your password: \S{14}/);

    const refused = await admin('add-account', '1', '8002', 'bo@example.com', '--role', 'agent');
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toMatch(/at most 1 accounts and has 1/);

    const listed = await admin('list-accounts');
    expect(listed.out).toEqual([
      [
        '1',
        'anna@example.com',
        '8001',
        'Anna Li',
        'both',
        'Billing',
        'must change password',
        '0 failed',
        '0 signed in',
      ].join('\t'),
    ]);
  });

  it('explains a missing role', async () => {
    await admin('create-company', 'Harbor Support');
    const refused = await admin('add-account', '1', '8001', 'anna@example.com');
    expect(refused.code).toBe(2);
    expect(refused.err[0]).toMatch(/--role is agent, supervisor or both/);
  });
});
