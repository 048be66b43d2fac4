import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createConnection } from 'node:net';
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

describe('the mail catcher under junk', () => {
  it('answers junk commands with errors, refuses a mail over 256 KB, and still catches the next mail', async () => {
    const catcher = await MailCatcher.start();
    cleanups.push(() => catcher.stop());
    const junk = await new Promise<string>((resolve, reject) => {
      let said = '';
      const socket = createConnection(catcher.port, catcher.host);
      socket.on('data', (data) => {
        // After the greeting (a client that talks first is cut off with 421, which is right too).
        if (said === '') socket.write(`\x00\xff HELO\r\nRCPT TO:<x>\r\n${'A'.repeat(5000)}\r\nQUIT\r\n`);
        said += data.toString();
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(said));
    });
    expect(junk).toMatch(/^220 /);
    expect(junk).toMatch(/\r\n5\d\d /);

    const db = openProvisioningDb(':memory:');
    cleanups.push(() => void db.close());
    db.prepare(`INSERT INTO companies (id, name, created_at) VALUES (1, 'Demo', 1)`).run();
    const mailer = new SmtpMailer({ db, defaultServer: { host: catcher.host, port: catcher.port } });
    cleanups.push(() => mailer.close());
    await expect(
      mailer.send({ companyId: 1, to: 'big@demo.test', subject: 'big', text: 'x'.repeat(300 * 1024) }),
    ).rejects.toThrow(/552|size|large/i);
    await mailer.send({ companyId: 1, to: 'after@demo.test', subject: 'after', text: 'still here' });
    expect((await catcher.waitFor((m) => m.to.includes('after@demo.test'))).text).toContain('still here');
    expect(catcher.mails().map((m) => m.subject)).toEqual(['after']);
  });
});
