import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openProvisioningDb } from '../db.ts';
import { MailCatcher } from './mail-catcher.ts';
import { SmtpMailer } from './mailer.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('mail through SMTP to the local catcher', () => {
  it('delivers a company mail over SMTP and keeps it in memory and in the mails file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catcher-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const catcher = await MailCatcher.start({ mailsFile: join(dir, 'mails.jsonl') });
    cleanups.push(() => catcher.stop());
    const db = openProvisioningDb(':memory:');
    cleanups.push(() => void db.close());
    db.prepare(
      `INSERT INTO companies (id, name, created_at, mail_from) VALUES (1, 'Demo', 1, 'Demo <it@demo.test>')`,
    ).run();
    const mailer = new SmtpMailer({ db, defaultServer: { host: catcher.host, port: catcher.port } });
    cleanups.push(() => mailer.close());

    await mailer.send({ companyId: 1, to: 'anna@demo.test', subject: '您的密码', text: '密码：Harbor7!\n' });

    const mail = await catcher.waitFor((m) => m.to.includes('anna@demo.test'));
    expect(mail).toMatchObject({ from: 'it@demo.test', subject: '您的密码' });
    expect(mail.text).toContain('密码：Harbor7!');
    const lines = readFileSync(join(dir, 'mails.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ to: ['anna@demo.test'], subject: '您的密码' });
  });

  it('gives up waiting for a mail that never comes', async () => {
    const catcher = await MailCatcher.start();
    cleanups.push(() => catcher.stop());
    await expect(catcher.waitFor(() => true, 50)).rejects.toThrow(/No matching mail/);
  });
});
