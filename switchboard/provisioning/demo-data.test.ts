import { describe, expect, it } from 'vitest';
import { openProvisioningDb } from './db.ts';
import { demoHotline, seedDemoData } from './demo-data.ts';

describe('demo data', () => {
  it('has a hotline answered by three demo people, seeded once, also into a demo company from before groups', () => {
    const db = openProvisioningDb(':memory:');
    const companyId = seedDemoData(db, 1);
    expect(seedDemoData(db, 2)).toBe(companyId);
    const members = () =>
      db
        .prepare(
          `SELECT p.extension FROM call_group_members m JOIN call_groups g ON g.id = m.group_id
           JOIN people p ON p.id = m.person_id WHERE g.number = ? ORDER BY p.extension`,
        )
        .pluck()
        .all(demoHotline.number);
    expect(members()).toEqual(['8001', '8002', '8003']);
    db.prepare(`DELETE FROM call_groups`).run();
    seedDemoData(db, 3);
    expect(members()).toEqual(['8001', '8002', '8003']);
    expect(db.prepare(`SELECT count(*) FROM call_groups`).pluck().get()).toBe(1);
    db.close();
  });
});
