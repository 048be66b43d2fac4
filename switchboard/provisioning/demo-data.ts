import type { ProvisioningDb } from './db.ts';
import { addPerson, createCompany, type NewPerson } from './directory.ts';

/** The demo mobile: sign in with it in development (the code lands in the run directory's codes.log). */
export const demoMobile = '+8613800138000';
export const demoCompanyName = '示例科技 Demo Tech';

/** Extensions 8001+ so they never collide with the switchboard's built-in demo users (1001–1003). */
export const demoPeople: NewPerson[] = [
  {
    name: '王小明 Wang Xiaoming',
    mobile: demoMobile,
    extension: '8001',
    email: 'xiaoming.wang@demo-tech.example',
    department: '销售部 Sales',
    callPermission: 'national',
  },
  {
    name: '李娜 Li Na',
    mobile: '+8613900139000',
    extension: '8002',
    email: 'na.li@demo-tech.example',
    department: '销售部 Sales',
  },
  {
    name: 'Anna Schmidt',
    mobile: '+4915112345678',
    extension: '8003',
    email: 'anna.schmidt@demo-tech.example',
    department: '技术支持 Support',
    callPermission: 'international',
  },
  { name: '前台 Reception', mobile: '+8613700137000', extension: '8000', department: '行政 Admin' },
];

/** Adds the demo company unless it is already there; returns its id. */
export function seedDemoData(db: ProvisioningDb, now = Date.now()): number {
  const existing = db.prepare(`SELECT id FROM companies WHERE name = ?`).pluck().get(demoCompanyName) as
    number | undefined;
  if (existing !== undefined) return existing;
  return db.transaction(() => {
    const companyId = createCompany(db, demoCompanyName, now);
    for (const person of demoPeople) addPerson(db, companyId, person, now);
    return companyId;
  })();
}
