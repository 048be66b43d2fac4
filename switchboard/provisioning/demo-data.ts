import type { ProvisioningDb } from './db.ts';
import { addCallGroup, setAgentPolicy, type NewCallGroup } from './call-groups.ts';
import { addChatGroup, DEMO_CONTEXT, setContextSetting } from './chat/chat-settings.ts';
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
  // Departments are paths ("parent/child"); enough people and depth for the directory to browse.
  {
    name: '张三',
    mobile: '+8613512345678',
    extension: '8010',
    email: 'san.zhang@demo-tech.example',
    department: '销售部 Sales/华东 East',
  },
  { name: '张珊珊', mobile: '+8613512340001', extension: '8011', department: '销售部 Sales/华东 East' },
  {
    name: '赵敏',
    mobile: '+8618612345001',
    extension: '8012',
    email: 'min.zhao@demo-tech.example',
    department: '销售部 Sales/华南 South',
  },
  {
    name: '陈晓燕',
    mobile: '+8618612345002',
    extension: '8013',
    department: '销售部 Sales/华南 South',
    callPermission: 'national',
  },
  {
    name: '刘洋 Liu Yang',
    mobile: '+8615012345003',
    extension: '8020',
    email: 'yang.liu@demo-tech.example',
    department: '研发部 R&D/前端 Frontend',
  },
  {
    name: 'Maria García',
    mobile: '+34612345678',
    extension: '8021',
    email: 'maria.garcia@demo-tech.example',
    department: '研发部 R&D/前端 Frontend',
    callPermission: 'international',
  },
  { name: '欧阳娜娜', mobile: '+8615012345004', extension: '8022', department: '研发部 R&D/后端 Backend' },
  {
    name: 'John Smith',
    mobile: '+14155550123',
    extension: '8023',
    email: 'john.smith@demo-tech.example',
    department: '研发部 R&D/后端 Backend/数据库 Database',
  },
  { name: '吕布', mobile: '+8615012345005', extension: '8024', department: '研发部 R&D/后端 Backend/数据库 Database' },
  {
    name: '孙丽',
    mobile: '+8613912345006',
    extension: '8030',
    email: 'li.sun@demo-tech.example',
    department: '技术支持 Support/一线 Tier 1',
  },
  { name: '周杰', mobile: '+8613912345007', extension: '8031', department: '技术支持 Support/二线 Tier 2' },
  { name: '曾小贤', mobile: '+8613612345008', extension: '8040', department: '行政 Admin/人事 HR' },
];

/** The demo hotline: a call to 8200 rings whichever of these three is available, longest idle first. */
export const demoHotline: NewCallGroup = {
  number: '8200',
  name: '客服热线 Hotline',
  members: ['8001', '8002', '8003'],
};

/** The demo online service (在线客服): visitors' chats go to whichever of these is Available, least loaded first. */
export const demoChatGroup = { name: '在线客服 Online service', members: ['8001', '8002', '8003'] };

/** The demo company's wrap-up codes (服务小结), bilingual like its hotline's name; not required by default. */
export const demoWrapUpCodes = [
  { code: 'inquiry', label: '咨询 Inquiry' },
  { code: 'complaint', label: '投诉 Complaint' },
  { code: 'after-sales', label: '售后 After-sales' },
  { code: 'other', label: '其他 Other' },
];

/** Adds the demo company (and its hotline and chat group, also to a demo company from before groups existed); returns its id. */
export function seedDemoData(db: ProvisioningDb, now = Date.now()): number {
  return db.transaction(() => {
    const existing = db.prepare(`SELECT id FROM companies WHERE name = ?`).pluck().get(demoCompanyName) as
      number | undefined;
    const companyId = existing ?? createCompany(db, demoCompanyName, now);
    if (existing === undefined) {
      for (const person of demoPeople) addPerson(db, companyId, person, now);
      setAgentPolicy(db, companyId, { wrapUpCodes: demoWrapUpCodes });
    }
    if (!db.prepare(`SELECT 1 FROM call_groups WHERE number = ?`).get(demoHotline.number)) {
      addCallGroup(db, companyId, demoHotline, now);
    }
    if (!db.prepare(`SELECT 1 FROM chat_groups WHERE company_id = ?`).get(companyId)) {
      addChatGroup(db, companyId, demoChatGroup, now);
      // Its agents see the demo endpoint's sample customers and orders beside a chat (demo-context.ts).
      setContextSetting(db, companyId, DEMO_CONTEXT);
    }
    return companyId;
  })();
}
