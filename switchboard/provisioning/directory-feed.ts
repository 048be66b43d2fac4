import { createHash } from 'node:crypto';
import type { ProvisioningDb } from './db.ts';

export type FeedDepartment = { id: number; parentId: number | null; name: string; sortOrder: number; version: number };
export type FeedPerson = {
  id: number;
  departmentId: number | null;
  name: string;
  extension: string;
  mobile: string;
  email: string | null;
  callPermission: string;
  hasAvatar: boolean;
  version: number;
};
export type FeedDeletion = { kind: 'department' | 'person'; id: number; version: number };

export type DirectoryPage = {
  /** The directory's version now: after applying every page up to `more: false` the client is at it. */
  version: number;
  /** Pass as `since` for the next page; store it with the page's changes so a resumed sync repeats nothing. */
  next: number;
  more: boolean;
  departments: FeedDepartment[];
  people: FeedPerson[];
  deleted: FeedDeletion[];
};

export const maxPageSize = 5000;

type Row = { version: number; kind: 'department' | 'person' | 'deleted'; id: number };

/**
 * One page of the company's change feed: every department and person stamped after `since`, and
 * every deletion, in version order. Each change has its own version on the company's own clock
 * (migration 0007: another company's changes never move it), so paging by "the last version I
 * applied" neither skips nor repeats; a row changed twice appears once, at its latest version. Read
 * in one transaction: the page and `version` come from the same snapshot.
 */
export function directoryPage(db: ProvisioningDb, companyId: number, since: number, limit: number): DirectoryPage {
  return db.transaction(() => {
    const rows = db
      .prepare(
        // Each part stops at `limit` rows of its (company_id, version) index; only those few are merged.
        `SELECT version, kind, id FROM (
           SELECT * FROM (SELECT version, 'department' AS kind, id FROM departments
             WHERE company_id = :company AND version > :since ORDER BY version LIMIT :limit)
           UNION ALL
           SELECT * FROM (SELECT version, 'person' AS kind, id FROM people
             WHERE company_id = :company AND version > :since ORDER BY version LIMIT :limit)
           UNION ALL
           SELECT * FROM (SELECT version, 'deleted' AS kind, entity_id AS id FROM directory_tombstones
             WHERE company_id = :company AND version > :since ORDER BY version LIMIT :limit)
         ) ORDER BY version LIMIT :limit`,
      )
      .all({ company: companyId, since, limit }) as Row[];
    const version = (db.prepare(`SELECT version FROM directory_clocks WHERE company_id = ?`).pluck().get(companyId) ??
      0) as number;
    const ids = (kind: Row['kind']) => rows.filter((row) => row.kind === kind).map((row) => row.id);
    const departments = byIds<FeedDepartment>(
      db,
      `SELECT id, parent_id AS parentId, name, sort_order AS sortOrder, version FROM departments WHERE id IN`,
      ids('department'),
    );
    const people = byIds<Omit<FeedPerson, 'hasAvatar'> & { hasAvatar: number }>(
      db,
      `SELECT p.id, p.department_id AS departmentId, p.name, p.extension, p.mobile, p.email,
              p.call_permission AS callPermission, (a.person_id IS NOT NULL) AS hasAvatar, p.version
       FROM people p LEFT JOIN avatars a ON a.person_id = p.id WHERE p.id IN`,
      ids('person'),
    ).map((person) => ({ ...person, hasAvatar: person.hasAvatar === 1 }));
    const deleted = db
      .prepare(
        `SELECT kind, entity_id AS id, version FROM directory_tombstones
         WHERE company_id = ? AND version > ? AND version <= ? ORDER BY version`,
      )
      .all(companyId, since, rows.at(-1)?.version ?? since) as FeedDeletion[];
    const full = rows.length === limit;
    return {
      version,
      // A short page is the end: the client is at `version`, its company's clock in this snapshot.
      next: full ? rows.at(-1)!.version : Math.max(version, since),
      more: full,
      departments: departments.sort((a, b) => a.version - b.version),
      people: people.sort((a, b) => a.version - b.version),
      deleted,
    };
  })();
}

function byIds<T>(db: ProvisioningDb, sqlPrefix: string, ids: number[]): T[] {
  const out: T[] = [];
  // Bounded by SQLite's host-parameter limit.
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    out.push(...(db.prepare(`${sqlPrefix} (${chunk.map(() => '?').join(',')})`).all(...chunk) as T[]));
  }
  return out;
}

export type Avatar = { contentType: string; bytes: Buffer; etag: string };

/** The person's uploaded avatar, else one drawn from their name; null when no such person in this company. */
export function avatarOf(db: ProvisioningDb, companyId: number, personId: number): Avatar | null {
  const person = db.prepare(`SELECT name FROM people WHERE id = ? AND company_id = ?`).get(personId, companyId) as
    { name: string } | undefined;
  if (!person) return null;
  const stored = db
    .prepare(`SELECT content_type AS contentType, bytes, etag FROM avatars WHERE person_id = ?`)
    .get(personId) as Avatar | undefined;
  if (stored) return stored;
  const bytes = Buffer.from(drawnAvatar(person.name), 'utf8');
  return { contentType: 'image/svg+xml', bytes, etag: `"${sha1(bytes)}"` };
}

export function setAvatar(db: ProvisioningDb, personId: number, contentType: string, bytes: Buffer): void {
  db.prepare(
    `INSERT INTO avatars (person_id, content_type, bytes, etag) VALUES (?, ?, ?, ?)
     ON CONFLICT (person_id) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes, etag = excluded.etag`,
  ).run(personId, contentType, bytes, `"${sha1(bytes)}"`);
}

const palette = ['#2563eb', '#16a34a', '#d97706', '#db2777', '#7c3aed', '#0891b2', '#dc2626', '#4b5563'];

/** A circle in a colour picked by the name, with the name's first character (a CJK surname or a Latin initial). */
export function drawnAvatar(name: string): string {
  const initial = [...name.trim()][0]?.toUpperCase() ?? '?';
  const colour = palette[createHash('sha1').update(name).digest()[0]! % palette.length]!;
  const text = initial.replace(/[<>&"']/g, '?');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" width="96" height="96">` +
    `<circle cx="48" cy="48" r="48" fill="${colour}"/>` +
    `<text x="48" y="50" font-family="sans-serif" font-size="44" fill="#fff" text-anchor="middle" dominant-baseline="central">${text}</text></svg>`
  );
}

function sha1(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('base64url');
}
