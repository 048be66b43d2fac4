import { z } from 'zod';
import { parseCsv } from './csv.ts';
import type { ProvisioningDb } from './db.ts';
import { parseE164 } from './e164.ts';

export type CallPermission = 'internal' | 'national' | 'international';

export type NewPerson = {
  name: string;
  mobile: string;
  extension: string;
  email?: string | null;
  department?: string | null;
  callPermission?: CallPermission;
  avatarUrl?: string | null;
};

export function createCompany(db: ProvisioningDb, name: string, now = Date.now()): number {
  return Number(db.prepare(`INSERT INTO companies (name, created_at) VALUES (?, ?)`).run(name, now).lastInsertRowid);
}

export function ensureDepartment(db: ProvisioningDb, companyId: number, name: string): number {
  db.prepare(`INSERT OR IGNORE INTO departments (company_id, name) VALUES (?, ?)`).run(companyId, name);
  return db
    .prepare(`SELECT id FROM departments WHERE company_id = ? AND name = ?`)
    .pluck()
    .get(companyId, name) as number;
}

/** `person.mobile` must already be E.164. */
export function addPerson(db: ProvisioningDb, companyId: number, person: NewPerson, now = Date.now()): number {
  const departmentId = person.department ? ensureDepartment(db, companyId, person.department) : null;
  return Number(
    db
      .prepare(
        `INSERT INTO people (company_id, department_id, name, mobile, extension, email, call_permission, avatar_url, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        companyId,
        departmentId,
        person.name,
        person.mobile,
        person.extension,
        person.email ?? null,
        person.callPermission ?? 'internal',
        person.avatarUrl ?? null,
        now,
      ).lastInsertRowid,
  );
}

const csvPerson = z.object({
  name: z.string().trim().min(1).max(200),
  mobile: z.string().trim().min(1),
  extension: z
    .string()
    .trim()
    .regex(/^\d{2,8}$/, 'extension must be 2–8 digits'),
  email: z.union([z.literal(''), z.email()]).optional(),
  department: z.string().trim().max(200).optional(),
  permission: z.union([z.literal(''), z.enum(['internal', 'national', 'international'])]).optional(),
  avatar: z.union([z.literal(''), z.url()]).optional(),
});

export type ImportReport = { imported: number; errors: { line: number; message: string }[] };

/**
 * Imports people from CSV with a header row: name, mobile, extension, and optionally email,
 * department, permission (internal|national|international), avatar. All or nothing: any bad row
 * rejects the whole file, listing every problem with its line number.
 */
export function importPeopleCsv(
  db: ProvisioningDb,
  companyId: number,
  csvText: string,
  defaultCountryCode?: string,
): ImportReport {
  const [header, ...rows] = parseCsv(csvText);
  if (!header) return { imported: 0, errors: [{ line: 1, message: 'empty file' }] };
  const columns = header.map((h) => h.trim().toLowerCase());
  for (const required of ['name', 'mobile', 'extension']) {
    if (!columns.includes(required))
      return { imported: 0, errors: [{ line: 1, message: `missing column ${required}` }] };
  }
  const errors: ImportReport['errors'] = [];
  const people: NewPerson[] = [];
  rows.forEach((fields, index) => {
    const line = index + 2;
    const record = Object.fromEntries(columns.map((column, i) => [column, fields[i] ?? '']));
    const parsed = csvPerson.safeParse(record);
    if (!parsed.success) {
      errors.push({ line, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return;
    }
    const mobile = parseE164(parsed.data.mobile, defaultCountryCode);
    if (!mobile) {
      errors.push({ line, message: `mobile: "${parsed.data.mobile}" is not a valid international number` });
      return;
    }
    const p = parsed.data;
    people.push({
      name: p.name,
      mobile,
      extension: p.extension,
      email: p.email || null,
      department: p.department || null,
      callPermission: p.permission || 'internal',
      avatarUrl: p.avatar || null,
    });
  });
  if (errors.length > 0) return { imported: 0, errors };
  try {
    db.transaction(() => {
      for (const person of people) addPerson(db, companyId, person);
    })();
  } catch (error) {
    return { imported: 0, errors: [{ line: 0, message: String((error as Error).message) }] };
  }
  return { imported: people.length, errors: [] };
}
