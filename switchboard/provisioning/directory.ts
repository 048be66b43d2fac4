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

/**
 * The department at this path, creating what is missing: "销售部 Sales/华东 East" is East under
 * Sales. Names are unique among siblings, so a path names one department.
 */
export function ensureDepartment(db: ProvisioningDb, companyId: number, path: string): number {
  let parentId: number | null = null;
  for (const name of departmentPath(path)) {
    const found = db
      .prepare(`SELECT id FROM departments WHERE company_id = ? AND parent_id IS ? AND name = ?`)
      .pluck()
      .get(companyId, parentId, name) as number | undefined;
    parentId =
      found ??
      Number(
        db
          .prepare(`INSERT INTO departments (company_id, parent_id, name) VALUES (?, ?, ?)`)
          .run(companyId, parentId, name).lastInsertRowid,
      );
  }
  if (parentId === null) throw new Error('A department path needs at least one name');
  return parentId;
}

export function departmentPath(path: string): string[] {
  return path
    .split('/')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

/** Moves a person to another department (a path, created if missing; null: no department). */
export function movePerson(
  db: ProvisioningDb,
  companyId: number,
  extension: string,
  department: string | null,
): boolean {
  return db.transaction(() => {
    const departmentId = department ? ensureDepartment(db, companyId, department) : null;
    return (
      db
        .prepare(`UPDATE people SET department_id = ? WHERE company_id = ? AND extension = ?`)
        .run(departmentId, companyId, extension).changes > 0
    );
  })();
}

/** Removes a person: their devices go with them (cascade) and clients get a tombstone. */
export function deletePerson(db: ProvisioningDb, companyId: number, extension: string): boolean {
  return db.prepare(`DELETE FROM people WHERE company_id = ? AND extension = ?`).run(companyId, extension).changes > 0;
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
