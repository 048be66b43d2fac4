import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSubscriberDb, digestHashes } from '../subscriber-db.ts';
import { runAdmin } from './admin-commands.ts';
import { AgentStore } from './agent-store.ts';
import { systemClock } from './clock.ts';
import { openProvisioningDb } from './db.ts';
import { provisioningPaths } from './paths.ts';
import { ProvisioningService } from './service.ts';
import { KamailioSipAccounts } from './sip-accounts.ts';
import { RecordingCodeCaller } from './test-support/recording-code-caller.ts';

describe('admin CLI', () => {
  let runDir: string;
  let paths: ReturnType<typeof provisioningPaths>;

  beforeEach(async () => {
    runDir = await mkdtemp(join(tmpdir(), 'provisioning-admin-'));
    paths = provisioningPaths(runDir);
    createSubscriberDb(paths.subscriberDb);
  });
  afterEach(() => rm(runDir, { recursive: true, force: true }));

  const admin = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdmin(['--run-dir', runDir, ...argv], { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  };
  const subscribers = () => {
    const db = new DatabaseSync(paths.subscriberDb);
    const rows = db.prepare('SELECT username, password, ha1 FROM subscriber ORDER BY username').all();
    db.close();
    return rows.map((r) => ({ ...r }));
  };

  it('creates a company and imports people from CSV, all or nothing', async () => {
    const created = await admin('create-company', '示例科技 Demo Tech');
    expect(created).toMatchObject({ code: 0, out: ['1'] });

    const bad = join(runDir, 'bad.csv');
    await writeFile(bad, 'name,mobile,extension,email\nA,13800138000,7001,a@x.example\nB,+8613900139000,7x,not-mail\n');
    const refused = await admin('import-people', '1', bad);
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toMatch(/line 2: mobile/);
    expect(refused.err.join('\n')).toMatch(/line 3: .*extension/);

    const good = join(runDir, 'people.csv');
    await writeFile(
      good,
      '\uFEFFname,mobile,extension,email,department,permission\n' +
        '"Wang, Xiaoming",138 0013 8000,7001,w@x.example,销售部,national\n' +
        'Li Na,+8613900139000,7002,,,\n',
    );
    expect(await admin('import-people', '1', good, '--country', '86')).toMatchObject({
      code: 0,
      out: ['imported 2 people'],
    });
    expect((await admin('list-companies')).out).toEqual(['1\t示例科技 Demo Tech\t2 people']);
    const db = openProvisioningDb(paths.db);
    expect(db.prepare('SELECT name, mobile, call_permission FROM people ORDER BY extension').all()).toEqual([
      { name: 'Wang, Xiaoming', mobile: '+8613800138000', call_permission: 'national' },
      { name: 'Li Na', mobile: '+8613900139000', call_permission: 'internal' },
    ]);
    db.close();
  });

  it('lists devices, forces a sign-out (removing the SIP account) and resets a lockout', async () => {
    await admin('seed-demo');
    const db = openProvisioningDb(paths.db);
    const caller = new RecordingCodeCaller();
    const service = new ProvisioningService({
      db,
      clock: systemClock,
      caller,
      accounts: new KamailioSipAccounts({ subscriberDbPath: paths.subscriberDb, domain: '127.0.0.1' }),
      sip: { domain: '127.0.0.1', wsUrl: 'ws://x' },
      codePepper: randomBytes(32),
    });
    await service.requestCode({ mobile: '+8613800138000', companyId: 1, language: 'en' }, '10.0.0.1');
    const signedIn = await service.verify(
      { mobile: '+8613800138000', companyId: 1, code: caller.lastCode('+8613800138000'), deviceName: 'Desk' },
      '10.0.0.1',
    );
    // Kamailio keeps the digest hash only (realm = domain), never the password.
    const ha1 = digestHashes('8001', '127.0.0.1', signedIn.sip.password).ha1;
    expect(subscribers()).toEqual([{ username: '8001', password: '', ha1 }]);

    const listed = await admin('list-devices');
    expect(listed.out).toHaveLength(1);
    expect(listed.out[0]).toMatch(
      new RegExp(`^${signedIn.device.id}\t8001\t王小明 Wang Xiaoming\tDesk\tdesktop\t10.0.0.1\t.*\tactive$`),
    );

    expect(await admin('sign-out-device', signedIn.device.id)).toMatchObject({ code: 0 });
    expect(subscribers()).toEqual([]);
    expect((await admin('list-devices')).out).toEqual([]);
    expect((await admin('list-devices', '--all')).out[0]).toMatch(/revoked \(admin\)$/);
    expect(await admin('sign-out-device', signedIn.device.id)).toMatchObject({ code: 1 });

    expect(await admin('set-device-policy', '1', 'not-allowed')).toMatchObject({ code: 0 });
    expect(db.prepare('SELECT desktop_with_mobile FROM companies WHERE id = 1').pluck().get()).toBe('not-allowed');
    expect(await admin('set-device-policy', '1', 'sometimes')).toMatchObject({ code: 2 });
    expect(await admin('set-device-policy', '99', 'allowed')).toMatchObject({ code: 2 });

    // Lock the number with 5 wrong codes on a fresh code, then reset it.
    await service.requestCode({ mobile: '+8613900139000', companyId: 1, language: 'en' }, '10.0.0.1');
    const wrong = caller.lastCode('+8613900139000') === '0000' ? '0001' : '0000';
    for (let i = 0; i < 5; i++) {
      await service.verify({ mobile: '+8613900139000', companyId: 1, code: wrong }, '10.0.0.1').catch(() => {});
    }
    await expect(
      service.requestCode({ mobile: '+8613900139000', companyId: 1, language: 'en' }, '10.0.0.1'),
    ).rejects.toMatchObject({ code: 'too-many-tries' });
    expect(await admin('reset-lockout', '+86 139 0013 9000')).toMatchObject({ code: 0 });
    await service.requestCode({ mobile: '+8613900139000', companyId: 1, language: 'en' }, '10.0.0.1');
    db.close();
  });

  it('adds, moves and deletes a person; a signed-in person loses their SIP account first', async () => {
    await admin('seed-demo');
    const added = await admin(
      'add-person',
      '1',
      '钱多多',
      '139 1234 0099',
      '8099',
      '--country',
      '86',
      '--department',
      '财务部 Finance/出纳 Cashier',
    );
    expect(added.code).toBe(0);
    expect(await admin('add-person', '1', 'X', '12', '8098')).toMatchObject({ code: 2 });
    expect(await admin('move-person', '1', '8099', '销售部 Sales/华东 East')).toMatchObject({ code: 0 });
    expect(await admin('move-person', '1', '7777', '销售部 Sales')).toMatchObject({ code: 1 });
    const db = openProvisioningDb(paths.db);
    expect(
      db
        .prepare(
          `SELECT p.mobile, d.name, parent.name AS parent FROM people p JOIN departments d ON d.id = p.department_id
           JOIN departments parent ON parent.id = d.parent_id WHERE p.extension = '8099'`,
        )
        .get(),
    ).toEqual({ mobile: '+8613912340099', name: '华东 East', parent: '销售部 Sales' });

    const caller = new RecordingCodeCaller();
    const service = new ProvisioningService({
      db,
      clock: systemClock,
      caller,
      accounts: new KamailioSipAccounts({ subscriberDbPath: paths.subscriberDb, domain: '127.0.0.1' }),
      sip: { domain: '127.0.0.1', wsUrl: 'ws://x' },
      codePepper: randomBytes(32),
    });
    await service.requestCode({ mobile: '+8613912340099', companyId: 1, language: 'en' }, '10.0.0.1');
    await service.verify(
      { mobile: '+8613912340099', companyId: 1, code: caller.lastCode('+8613912340099') },
      '10.0.0.1',
    );
    expect(subscribers().map((s) => s.username)).toEqual(['8099']);
    const png = join(runDir, 'face.png');
    await writeFile(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]));
    expect(await admin('set-avatar', '1', '8099', png)).toMatchObject({ code: 0 });
    expect(db.prepare(`SELECT content_type FROM avatars`).pluck().all()).toEqual(['image/png']);
    expect(await admin('set-avatar', '1', '8099', join(runDir, 'people.gif'))).toMatchObject({ code: 2 });
    expect(await admin('delete-person', '1', '8099')).toMatchObject({ code: 0, out: ['deleted 8099'] });
    expect(subscribers()).toEqual([]);
    expect(db.prepare(`SELECT kind FROM directory_tombstones`).pluck().all()).toEqual(['person']);
    expect(await admin('delete-person', '1', '8099')).toMatchObject({ code: 1 });
    db.close();
  });

  it('sets the status of a person without the app, so a desk phone in a hotline can be rung', async () => {
    await admin('seed-demo');
    const status = () => {
      const db = openProvisioningDb(paths.db);
      try {
        return db
          .prepare(`SELECT s.status FROM agent_state s JOIN people p ON p.id = s.person_id WHERE p.extension = '8003'`)
          .pluck()
          .get();
      } finally {
        db.close();
      }
    };
    expect(status()).toBe('offline');
    expect(await admin('set-status', '--company', '1', '--extension', '8003', 'available')).toMatchObject({
      code: 0,
      out: ['8003: available'],
    });
    expect(status()).toBe('available');
    expect(await admin('set-status', '--company', '1', '--extension', '8003', 'sleeping')).toMatchObject({ code: 2 });
    expect(await admin('set-status', '--company', '1', '--extension', '9999', 'busy')).toMatchObject({
      code: 1,
      err: ['no person with extension 9999 in this company'],
    });
  });

  it('gives an extension a desk phone that the station step can ring, and takes it away', async () => {
    await admin('seed-demo');
    const deskPhone = () => {
      const db = openProvisioningDb(paths.db);
      try {
        return db
          .prepare(
            `SELECT s.desk_phone FROM agent_state s JOIN people p ON p.id = s.person_id WHERE p.extension = '8001'`,
          )
          .pluck()
          .get();
      } finally {
        db.close();
      }
    };
    expect(await admin('set-desk-phone', '--extension', '8001', '1003')).toMatchObject({
      code: 0,
      out: ['8001: desk phone 1003'],
    });
    expect(deskPhone()).toBe('1003');
    expect(await admin('set-desk-phone', '--extension', '8001', 'a b')).toMatchObject({ code: 2 });
    expect(await admin('set-desk-phone', '--extension', '9999', '1003')).toMatchObject({
      code: 1,
      err: ['no person with extension 9999'],
    });
    expect(await admin('set-desk-phone', '--extension', '8001', '-')).toMatchObject({ out: ['8001: no desk phone'] });
    expect(deskPhone()).toBeNull();
  });

  it('sets a company’s customer-context endpoint and chat queue limit, and refuses what is not a URL', async () => {
    await admin('seed-demo');
    const settings = () => {
      const db = openProvisioningDb(paths.db);
      try {
        return db.prepare(`SELECT context_url, queue_limit FROM chat_settings WHERE company_id = 1`).get();
      } finally {
        db.close();
      }
    };
    // The demo company shows the demo endpoint's sample orders until told otherwise.
    expect(settings()).toMatchObject({ context_url: 'demo' });
    expect(
      await admin(
        'set-chat-settings',
        '--company',
        '1',
        '--context-url',
        'https://shop.example/ctx',
        '--queue-limit',
        '3',
      ),
    ).toEqual({
      code: 0,
      out: ['company 1: customer context https://shop.example/ctx', 'company 1: queue limit 3'],
      err: [],
    });
    expect(settings()).toEqual({ context_url: 'https://shop.example/ctx', queue_limit: 3 });
    for (const bad of [
      ['--context-url', 'file:///etc/passwd'],
      ['--context-url', 'https://user:pw@shop.example/'],
      ['--queue-limit', '-1'],
      ['--queue-limit', 'many'],
    ]) {
      expect(await admin('set-chat-settings', '--company', '1', ...bad)).toMatchObject({ code: 2 });
    }
    expect(await admin('set-chat-settings', '--company', '99', '--queue-limit', '3')).toMatchObject({
      code: 1,
      err: ['no company 99'],
    });
    expect(await admin('set-chat-settings', '--company', '1', '--context-url', '-')).toMatchObject({
      out: ['company 1: customer context none', 'company 1: queue limit 3'],
    });
    expect(settings()).toEqual({ context_url: null, queue_limit: 3 });
  });

  it('adds a group, changes its members and sets the company agent policy', async () => {
    await admin('seed-demo');
    expect((await admin('list-groups', '--company', '1')).out).toEqual([
      '8200\t客服热线 Hotline\t20 s\t8001,8002,8003',
    ]);
    expect(
      await admin('add-group', '--company', '1', '--number', '8300', '--name', 'Sales line', '--members', '8010, 8011'),
    ).toMatchObject({ code: 0, out: ['group 8300 added'] });
    // Numbers are unique on the switchboard and never a person's extension; members must be people of the company.
    const taken = await admin('add-group', '--company', '1', '--number', '8001', '--name', 'X', '--members', '8010');
    expect(taken).toMatchObject({ code: 1, err: ["8001 is already a person's extension"] });
    expect(
      await admin('add-group', '--company', '1', '--number', '8300', '--name', 'X', '--members', '8010'),
    ).toMatchObject({ code: 1, err: ['8300 is already a group number'] });
    const stranger = await admin('add-group', '--company', '1', '--number', '8301', '--name', 'X', '--members', '9999');
    expect(stranger).toMatchObject({ code: 1, err: ['no person with extension 9999 in this company'] });
    expect(await admin('add-group', '--company', '1', '--number', '8302', '--members', '8010')).toMatchObject({
      code: 2,
    });

    expect(
      await admin('set-group-members', '--company', '1', '--number', '8300', '--members', '8012,8013,8010'),
    ).toMatchObject({ code: 0 });
    expect(await admin('set-group-members', '--company', '1', '--number', '8399', '--members', '8012')).toMatchObject({
      code: 1,
    });
    expect(
      await admin(
        'set-agent-policy',
        '--company',
        '1',
        '--acw',
        '45',
        '--ring-timeout',
        '15',
        '--break-reasons',
        '午饭 Lunch, Training',
        '--auto-answer',
        'always',
      ),
    ).toMatchObject({ code: 0 });
    expect((await admin('list-groups', '--company', '1')).out).toEqual([
      '8200\t客服热线 Hotline\t15 s\t8001,8002,8003',
      '8300\tSales line\t15 s\t8010,8012,8013',
    ]);
    const db = openProvisioningDb(paths.db);
    expect(
      db.prepare('SELECT after_call_work_sec, ring_timeout_sec, break_reasons, auto_answer FROM companies').get(),
    ).toEqual({
      after_call_work_sec: 45,
      ring_timeout_sec: 15,
      break_reasons: '["午饭 Lunch","Training"]',
      auto_answer: 'always',
    });
    db.close();
    expect(await admin('set-agent-policy', '--company', '1', '--acw', 'soon')).toMatchObject({ code: 2 });
    expect(await admin('set-agent-policy', '--company', '1', '--ring-timeout', '0')).toMatchObject({
      code: 1,
      err: ['the ring timeout is 1–600 seconds'],
    });
    expect(await admin('set-agent-policy', '--company', '1', '--auto-answer', 'maybe')).toMatchObject({ code: 2 });

    // Wrap-up codes (服务小结): code=label pairs, and whether one is required before Available.
    expect(
      await admin(
        'set-agent-policy',
        '--company',
        '1',
        '--wrap-up-codes',
        'inquiry=咨询 Inquiry, complaint=投诉 Complaint',
        '--wrap-up-required',
        'yes',
      ),
    ).toMatchObject({ code: 0 });
    const again = openProvisioningDb(paths.db);
    expect(new AgentStore(again).policy(1)).toMatchObject({
      wrapUpCodes: [
        { code: 'inquiry', label: '咨询 Inquiry' },
        { code: 'complaint', label: '投诉 Complaint' },
      ],
      wrapUpRequired: true,
      breakReasons: ['午饭 Lunch', 'Training'],
    });
    again.close();
    expect(await admin('set-agent-policy', '--company', '1', '--wrap-up-codes', 'inquiry')).toMatchObject({ code: 2 });
    expect(await admin('set-agent-policy', '--company', '1', '--wrap-up-codes', 'a=A,a=B')).toMatchObject({
      code: 1,
      err: ['wrap-up code "a" appears twice'],
    });
    expect(await admin('set-agent-policy', '--company', '1', '--wrap-up-required', 'maybe')).toMatchObject({
      code: 2,
    });
  });

  it("turns the company's listening hold on, off and back to each user's choice, refusing other words", async () => {
    await admin('create-company', 'Demo');
    const policyHold = () => {
      const db = openProvisioningDb(paths.db);
      const hold = new AgentStore(db).policy(1).listeningHold;
      db.close();
      return hold;
    };
    expect(policyHold()).toBe('user-choice');
    expect(await admin('set-agent-policy', '--company', '1', '--listening-hold', 'on')).toMatchObject({ code: 0 });
    expect(policyHold()).toBe('on');
    expect(await admin('set-agent-policy', '--company', '1', '--listening-hold', 'off')).toMatchObject({ code: 0 });
    expect(policyHold()).toBe('off');
    expect(await admin('set-agent-policy', '--company', '1', '--listening-hold', 'maybe')).toMatchObject({
      code: 2,
      err: [expect.stringContaining('--listening-hold is on, off or user-choice')],
    });
    expect(policyHold()).toBe('off');
    expect(await admin('set-agent-policy', '--company', '1', '--listening-hold', 'user-choice')).toMatchObject({
      code: 0,
    });
    expect(policyHold()).toBe('user-choice');
  });

  it('explains its usage', async () => {
    expect((await admin('frobnicate')).code).toBe(2);
    const none = await runAdmin([], { out: () => {}, err: () => {} });
    expect(none).toBe(2);
    const noSubscribers = await runAdmin(['--db', join(runDir, 'p.sqlite'), 'sign-out-device', 'x'], {
      out: () => {},
      err: () => {},
    });
    expect(noSubscribers).toBe(2);
  });
});
