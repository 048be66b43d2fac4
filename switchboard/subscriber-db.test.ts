import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSubscriberDb, upsertSubscriber } from './subscriber-db.ts';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

describe('the SIP accounts Kamailio authenticates against', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'subscriber-db-'));
    path = join(dir, 'switchboard.sqlite');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const rows = (table = 'subscriber') => {
    const db = new DatabaseSync(path);
    try {
      return db
        .prepare(`SELECT username, password, ha1, ha1b FROM ${table}`)
        .all()
        .map((r) => ({ ...r }));
    } finally {
      db.close();
    }
  };

  it('keeps digest hashes only: the password is nowhere in the file', async () => {
    createSubscriberDb(path);
    const password = 'Tr0ub4dor-and-3';
    upsertSubscriber(path, '127.0.0.1', { user: '1001', password, displayName: 'Alice' });
    upsertSubscriber(
      path,
      '127.0.0.1',
      { user: '1001', password: 'mobile-Pass-77', displayName: '' },
      'mobile_subscriber',
    );
    expect(rows()).toEqual([
      {
        username: '1001',
        password: '',
        ha1: md5(`1001:127.0.0.1:${password}`),
        ha1b: md5(`1001@127.0.0.1:127.0.0.1:${password}`),
      },
    ]);
    const bytes = await readFile(path);
    expect(bytes.includes(password)).toBe(false);
    expect(bytes.includes('mobile-Pass-77')).toBe(false);
  });

  it('a new password replaces the hashes (the old one stops working)', () => {
    createSubscriberDb(path);
    upsertSubscriber(path, '127.0.0.1', { user: '1001', password: 'first-one', displayName: '' });
    upsertSubscriber(path, '127.0.0.1', { user: '1001', password: 'second-one', displayName: '' });
    expect(rows().map((r) => r['ha1'])).toEqual([md5('1001:127.0.0.1:second-one')]);
  });

  it('is readable by its owner only', async () => {
    createSubscriberDb(path);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('accounts a run before kept as plain passwords are turned into hashes when the database is opened', async () => {
    createSubscriberDb(path);
    const db = new DatabaseSync(path);
    db.prepare(`INSERT INTO subscriber (username, domain, password) VALUES ('1002', '127.0.0.1', 'old-plain')`).run();
    db.close();
    createSubscriberDb(path);
    expect(rows()).toEqual([
      {
        username: '1002',
        password: '',
        ha1: md5('1002:127.0.0.1:old-plain'),
        ha1b: md5('1002@127.0.0.1:127.0.0.1:old-plain'),
      },
    ]);
    expect((await readFile(path)).includes('old-plain')).toBe(false);
  });
});
