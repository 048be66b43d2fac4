/** Synthetic companies for the directory benchmark: realistic Chinese and Latin names, a department tree, numbers. */
import type { ProvisioningDb } from '../switchboard/provisioning/db.ts';
import { seededRandom } from '../electron/services/call-log/test-support/prng.ts';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华飞玉兰萍红鹏建文辉力宁春梅欣怡子涵浩然雨轩梓涵一诺宇航俊杰思远晓东海燕志强丹凤佳琪嘉怡晨曦天宇博文雪莉小龙国庆新民德华';
const FIRST = [
  'James',
  'Mary',
  'John',
  'Patricia',
  'Robert',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'Anna',
  'Lukas',
  'Sofia',
  'Mateo',
  'Chloé',
  'Jörg',
  'Zoë',
  'Ahmed',
  'Priya',
  'Kenji',
  'Olga',
  'Pierre',
  'María',
  'José',
];
const LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Müller',
  'Schmidt',
  'Rossi',
  'Dubois',
  'Novak',
  'Kowalski',
  'Tanaka',
  'Okafor',
  'Nguyen',
  'Silva',
  'Petrov',
  'Andersen',
  'O’Brien',
  'Fernández',
];
const DIVISIONS = [
  '销售部 Sales',
  '研发部 R&D',
  '技术支持 Support',
  '市场部 Marketing',
  '财务部 Finance',
  '人事部 HR',
  '运营部 Operations',
  '法务部 Legal',
  '采购部 Purchasing',
  '行政部 Admin',
];
const REGIONS = [
  '华东 East',
  '华南 South',
  '华北 North',
  '西南 Southwest',
  '海外 Overseas',
  '总部 HQ',
  '一组 Team 1',
  '二组 Team 2',
  '三组 Team 3',
  '四组 Team 4',
];
const TEAMS = ['A组', 'B组', 'C组', 'D组', 'E组', 'F组', 'G组', 'H组', 'I组', 'J组'];

export type SyntheticPerson = {
  name: string;
  mobile: string;
  extension: string;
  email: string | null;
  department: number;
};

/** Fills the provisioning database with one company of `n` people; returns its id and the first person's mobile. */
export function fillCompany(db: ProvisioningDb, n: number, seed = 1): { companyId: number; people: SyntheticPerson[] } {
  const random = seededRandom(seed);
  const pick = <T>(items: ArrayLike<T>): T => items[Math.floor(random() * items.length)]!;
  const chars = (text: string) => [...text];
  const surnames = chars(SURNAMES);
  const given = chars(GIVEN);
  return db.transaction(() => {
    const companyId = Number(
      db.prepare(`INSERT INTO companies (name, created_at) VALUES (?, ?)`).run(`Bench ${n}`, 0).lastInsertRowid,
    );
    const addDepartment = db.prepare(`INSERT INTO departments (company_id, parent_id, name) VALUES (?, ?, ?)`);
    const leaves: number[] = [];
    for (const division of DIVISIONS) {
      const d = Number(addDepartment.run(companyId, null, division).lastInsertRowid);
      leaves.push(d);
      for (const region of REGIONS) {
        const r = Number(addDepartment.run(companyId, d, region).lastInsertRowid);
        leaves.push(r);
        for (const team of TEAMS) leaves.push(Number(addDepartment.run(companyId, r, team).lastInsertRowid));
      }
    }
    const addPerson = db.prepare(
      `INSERT INTO people (company_id, department_id, name, mobile, extension, email, call_permission, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'internal', 0)`,
    );
    const people: SyntheticPerson[] = [];
    for (let i = 0; i < n; i++) {
      const chinese = random() < 0.8;
      const first = pick(FIRST);
      const last = pick(LAST);
      // Surnames skew: the most common dozen cover about half of people, as in China.
      const surname = surnames[Math.floor(surnames.length * random() ** 2.2)]!;
      const name = chinese ? surname + pick(given) + (random() < 0.7 ? pick(given) : '') : `${first} ${last}`;
      // A bijection of i onto 6e9 numbers: unique, scattered mobiles.
      const mobile = `+86${13_000_000_000 + ((i * 7919 + 12_345) % 6_000_000_000)}`;
      const extension = String(1_000_000 + i);
      const email = chinese
        ? random() < 0.5
          ? `u${i}@bench.example`
          : null
        : `${first}.${last}${i}@bench.example`
            .toLowerCase()
            .normalize('NFD')
            .replace(/[^\x20-\x7e]/g, '');
      const department = pick(leaves);
      addPerson.run(companyId, department, name, mobile, extension, email);
      people.push({ name, mobile, extension, email, department });
    }
    return { companyId, people };
  })();
}

/** Changes for the incremental sync: renames, moves, deletions and new people, about 1% of the company. */
export function changeCompany(db: ProvisioningDb, companyId: number, n: number, seed = 2): { changed: number } {
  const random = seededRandom(seed);
  const changes = Math.max(10, Math.round(n / 100));
  const ids = db.prepare(`SELECT id FROM people WHERE company_id = ?`).pluck().all(companyId) as number[];
  const departments = db.prepare(`SELECT id FROM departments WHERE company_id = ?`).pluck().all(companyId) as number[];
  db.transaction(() => {
    for (let k = 0; k < changes; k++) {
      const id = ids[Math.floor(random() * ids.length)]!;
      const what = k % 4;
      if (what === 0) db.prepare(`UPDATE people SET name = name || '新' WHERE id = ?`).run(id);
      else if (what === 1)
        db.prepare(`UPDATE people SET department_id = ? WHERE id = ?`).run(
          departments[Math.floor(random() * departments.length)]!,
          id,
        );
      else if (what === 2)
        db.prepare(`DELETE FROM people WHERE id = ? AND id NOT IN (SELECT person_id FROM devices)`).run(id);
      else
        db.prepare(
          `INSERT INTO people (company_id, department_id, name, mobile, extension, call_permission, created_at)
           VALUES (?, NULL, ?, ?, ?, 'internal', 0)`,
        ).run(companyId, `新同事${k}`, `+8619${String(900_000_000 + k).padStart(9, '0')}`, String(9_000_000 + k));
    }
  })();
  return { changed: changes };
}
