/**
 * The company directory on this computer: its own SQLite file (WAL), filled by the sync client
 * from the provisioning service's change feed, searched locally (so it works offline).
 */
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import type { DirectoryDepartment, DirectoryPerson, SearchHit } from '../../../src/shared/directory.ts';
import { migrate } from '../../../lib/sqlite/migrate.ts';
import type { FeedPage, FeedPerson } from './feed.ts';
import { directoryMigrations } from './migrations/index.ts';
import { MobileIndex, type MobileIndexParts } from './mobile-index.ts';
import { nameKeys, KeyKind, fold } from './name-keys.ts';
import { rankedSearch } from './search.ts';

export type SyncState = { serviceUrl: string; companyId: number; version: number; lastSyncAt: number | null };

/** What a sync's writer derives from the tables for the reading side: lists, counts, the mobile index. */
export type DerivedDirectory = { departments: DirectoryDepartment[]; count: number; mobile: MobileIndexParts };

type PersonRow = {
  id: number;
  department_id: number | null;
  name: string;
  extension: string;
  mobile: string;
  email: string | null;
  call_permission: DirectoryPerson['callPermission'];
  syllables: string;
  syllable_at: string;
};

const personColumns = 'id, department_id, name, extension, mobile, email, call_permission, syllables, syllable_at';

export class DirectoryStore {
  readonly db: Db;
  readonly path: string;
  /**
   * False when another connection (the sync's worker thread) writes: a search must not merge staged
   * keys then, which would wait for that writer's lock on the main thread. The writer merges them.
   */
  mergeStagedOnSearch = true;
  private departmentCache: Map<number, DirectoryDepartment> | null = null;
  private mobileIndex: MobileIndex | null = null;
  private peopleCount: number | null = null;

  private constructor(db: Db, path: string) {
    this.db = db;
    this.path = path;
  }

  static open(path: string): DirectoryStore {
    const db = new Database(path);
    try {
      // Takes effect only on a new file: the staging table's pages are given back after a first download.
      db.pragma('auto_vacuum = INCREMENTAL');
      if (path !== ':memory:') db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // The search keys of 500k people are ~100 MB of index: a first sync inserts into all of it.
      db.pragma('cache_size = -32000');
      migrate(db, directoryMigrations);
      return new DirectoryStore(db, path);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  close(): void {
    this.db.close();
  }

  syncState(): SyncState | null {
    const row = this.db
      .prepare(
        `SELECT service_url AS serviceUrl, company_id AS companyId, version, last_sync_at AS lastSyncAt FROM sync_state`,
      )
      .get() as SyncState | undefined;
    return row ?? null;
  }

  /** The directory belongs to one company at one service: another one starts from nothing. */
  useSource(serviceUrl: string, companyId: number): void {
    const state = this.syncState();
    if (state && state.serviceUrl === serviceUrl && state.companyId === companyId) return;
    this.db.transaction(() => {
      this.wipe();
      this.db
        .prepare(`INSERT INTO sync_state (id, service_url, company_id, version) VALUES (1, ?, ?, 0)`)
        .run(serviceUrl, companyId);
    })();
  }

  /** Forgets the directory (log out). */
  clear(): void {
    this.db.transaction(() => this.wipe())();
  }

  private wipe(): void {
    for (const table of ['sync_state', 'departments', 'people', 'search_keys', 'search_keys_staged', 'avatars']) {
      this.db.prepare(`DELETE FROM ${table}`).run();
    }
    this.changed(true);
  }

  /**
   * Applies one feed page and moves the cursor to `page.next` in the same transaction: a sync
   * interrupted anywhere resumes after the last page applied, never applying one twice.
   */
  applyPage(page: FeedPage, now: number): void {
    const upsertDepartment = this.db.prepare(
      `INSERT INTO departments (id, parent_id, name, sort_order) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, name = excluded.name, sort_order = excluded.sort_order`,
    );
    const upsertPerson = this.db.prepare(
      `INSERT INTO people (id, department_id, name, extension, mobile, email, call_permission, has_avatar, syllables, syllable_at, sort_key)
       VALUES (@id, @departmentId, @name, @extension, @mobile, @email, @callPermission, @hasAvatar, @syllables, @syllableAt, @sortKey)
       ON CONFLICT (id) DO UPDATE SET department_id = excluded.department_id, name = excluded.name,
         extension = excluded.extension, mobile = excluded.mobile, email = excluded.email,
         call_permission = excluded.call_permission, has_avatar = excluded.has_avatar,
         syllables = excluded.syllables, syllable_at = excluded.syllable_at, sort_key = excluded.sort_key`,
    );
    const deleteKeys = this.db.prepare(`DELETE FROM search_keys WHERE person_id = ?`);
    const deletePerson = this.db.prepare(`DELETE FROM people WHERE id = ?`);
    const deleteDepartment = this.db.prepare(`DELETE FROM departments WHERE id = ?`);
    const dropAvatar = this.db.prepare(`DELETE FROM avatars WHERE person_id = ?`);
    const known = this.db.prepare(`SELECT 1 FROM people WHERE id = ?`).pluck();

    this.db.transaction(() => {
      // Until the first download completes, keys are staged; a page that changes or deletes someone
      // already here first moves the staged keys in, so that person's old keys can be found.
      const firstDownload = this.syncState()?.lastSyncAt === null;
      const touchesKnown = page.deleted.length > 0 || page.people.some((person) => known.get(person.id) !== undefined);
      const staged = firstDownload && !touchesKnown;
      if (!staged) this.mergeStagedKeys();
      const insertKey = staged
        ? this.db.prepare(`INSERT INTO search_keys_staged (kind, key, person_id, start) VALUES (?, ?, ?, ?)`)
        : this.db.prepare(`INSERT OR IGNORE INTO search_keys (kind, key, person_id, start) VALUES (?, ?, ?, ?)`);
      for (const d of page.departments) upsertDepartment.run(d.id, d.parentId, d.name, d.sortOrder);
      for (const person of page.people) {
        const keys = nameKeys(person.name);
        upsertPerson.run(personParams(person, keys));
        if (!staged) deleteKeys.run(person.id);
        for (const k of keys.keys) insertKey.run(k.kind, k.key, person.id, k.start);
        insertKey.run(KeyKind.extension, person.extension, person.id, 0);
        if (person.email) insertKey.run(KeyKind.email, fold(person.email), person.id, 0);
      }
      for (const gone of page.deleted) {
        if (gone.kind === 'person') {
          deletePerson.run(gone.id);
          deleteKeys.run(gone.id);
          dropAvatar.run(gone.id);
        } else deleteDepartment.run(gone.id);
      }
      this.db
        .prepare(`UPDATE sync_state SET version = ?, last_sync_at = coalesce(?, last_sync_at)`)
        .run(page.next, page.more ? null : now);
      if (!page.more) this.mergeStagedKeys();
    })();
    if (!page.more) this.db.pragma('incremental_vacuum');
    this.changed(page.people.length > 0 || page.deleted.length > 0);
  }

  /** Moves staged keys (a first download's) into the search index, in index order. */
  private mergeStagedKeys(): void {
    if (this.db.prepare(`SELECT 1 FROM search_keys_staged LIMIT 1`).get() === undefined) return;
    this.db.exec(`
      INSERT OR IGNORE INTO search_keys (kind, key, person_id, start)
        SELECT kind, key, person_id, start FROM search_keys_staged ORDER BY kind, key, person_id;
      DELETE FROM search_keys_staged;
    `);
  }

  private changed(people: boolean): void {
    this.departmentCache = null;
    this.peopleCount = null;
    if (people) this.mobileIndex = null;
  }

  /**
   * Another connection applied a page. The department list and the mobile index stay as they were
   * until that writer's settle() hands over new ones (adopt): rebuilding them here would stall.
   */
  pageAppliedElsewhere(): void {
    this.peopleCount = null;
  }

  /** The writer's end of a sync: staged keys merged, and what the reading side derives, built fresh. */
  settle(): DerivedDirectory {
    this.db.transaction(() => this.mergeStagedKeys())();
    this.changed(true);
    return { departments: this.departments(), count: this.count(), mobile: this.mobiles().toParts() };
  }

  /** Takes what a writer's settle() built (on another thread) in place of building it here. */
  adopt(derived: DerivedDirectory): void {
    this.departmentCache = new Map(derived.departments.map((d) => [d.id, d]));
    this.peopleCount = derived.count;
    this.mobileIndex = new MobileIndex(derived.mobile);
  }

  count(): number {
    this.peopleCount ??= this.db.prepare(`SELECT count(*) FROM people`).pluck().get() as number;
    return this.peopleCount;
  }

  /** Builds what the first search would otherwise build (the mobile-digits index). */
  warm(): void {
    this.mobiles();
  }

  private mobiles(): MobileIndex {
    this.mobileIndex ??= new MobileIndex(
      this.db.prepare(`SELECT id, mobile FROM people`).all() as { id: number; mobile: string }[],
    );
    return this.mobileIndex;
  }

  /** Every department with its counts (direct and with everything below), parents before children. */
  departments(): DirectoryDepartment[] {
    return [...this.departmentMap().values()];
  }

  private departmentMap(): Map<number, DirectoryDepartment> {
    if (this.departmentCache) return this.departmentCache;
    const rows = this.db
      .prepare(`SELECT id, parent_id AS parentId, name, sort_order AS sortOrder FROM departments`)
      .all() as { id: number; parentId: number | null; name: string; sortOrder: number }[];
    // The administrator's order first, then by name as people read it (pinyin for Chinese names).
    const sortKeys = new Map(rows.map((row) => [row.id, nameKeys(row.name).sortKey]));
    rows.sort((a, b) => a.sortOrder - b.sortOrder || compare(sortKeys.get(a.id)!, sortKeys.get(b.id)!));
    const direct = new Map(
      (
        this.db.prepare(`SELECT department_id AS id, count(*) AS n FROM people GROUP BY department_id`).all() as {
          id: number | null;
          n: number;
        }[]
      ).map((r) => [r.id, r.n]),
    );
    const map = new Map<number, DirectoryDepartment>();
    for (const row of rows) {
      const n = direct.get(row.id) ?? 0;
      map.set(row.id, { id: row.id, parentId: row.parentId, name: row.name, directCount: n, totalCount: n });
    }
    // A parent the feed has not delivered (or a cycle) makes a department a root.
    for (const d of map.values()) if (d.parentId !== null && !map.has(d.parentId)) d.parentId = null;
    for (const d of map.values()) {
      const seen = new Set<number>([d.id]);
      for (let up = d.parentId; up !== null && !seen.has(up); up = map.get(up)?.parentId ?? null) {
        seen.add(up);
        map.get(up)!.totalCount += d.directCount;
      }
    }
    this.departmentCache = map;
    return map;
  }

  /** People directly in a department (null: everyone), sorted by name (pinyin for Chinese names). */
  listPeople(departmentId: number | null, offset: number, limit: number): DirectoryPerson[] {
    const rows = (
      departmentId === null
        ? this.db.prepare(`SELECT ${personColumns} FROM people ORDER BY sort_key LIMIT ? OFFSET ?`).all(limit, offset)
        : this.db
            .prepare(`SELECT ${personColumns} FROM people WHERE department_id = ? ORDER BY sort_key LIMIT ? OFFSET ?`)
            .all(departmentId, limit, offset)
    ) as PersonRow[];
    return rows.map((row) => this.toPerson(row));
  }

  person(id: number): DirectoryPerson | null {
    const row = this.db.prepare(`SELECT ${personColumns} FROM people WHERE id = ?`).get(id) as PersonRow | undefined;
    return row ? this.toPerson(row) : null;
  }

  /** Ranked matches, best first, each with the matched range; see search.ts. */
  search(query: string, limit = 50): SearchHit[] {
    // An interrupted first download left keys staged: searchable now, at the cost of one merge.
    if (this.mergeStagedOnSearch) this.db.transaction(() => this.mergeStagedKeys())();
    const ranked = rankedSearch(this.db, () => this.mobiles(), query, limit);
    if (ranked.length === 0) return [];
    const rows = this.rowsById(ranked.map((r) => r.personId));
    const hits: SearchHit[] = [];
    for (const r of ranked) {
      const row = rows.get(r.personId);
      if (!row) continue;
      const match = r.locate(row);
      hits.push({ person: this.toPerson(row), match });
    }
    return hits;
  }

  private rowsById(ids: number[]): Map<number, PersonRow> {
    const rows = this.db
      .prepare(`SELECT ${personColumns} FROM people WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as PersonRow[];
    return new Map(rows.map((row) => [row.id, row]));
  }

  cachedAvatar(personId: number): { etag: string; contentType: string; bytes: Buffer } | null {
    return (
      (this.db
        .prepare(`SELECT etag, content_type AS contentType, bytes FROM avatars WHERE person_id = ?`)
        .get(personId) as { etag: string; contentType: string; bytes: Buffer } | undefined) ?? null
    );
  }

  cacheAvatar(personId: number, avatar: { etag: string; contentType: string; bytes: Buffer }): void {
    this.db
      .prepare(
        `INSERT INTO avatars (person_id, etag, content_type, bytes) VALUES (?, ?, ?, ?)
         ON CONFLICT (person_id) DO UPDATE SET etag = excluded.etag, content_type = excluded.content_type, bytes = excluded.bytes`,
      )
      .run(personId, avatar.etag, avatar.contentType, avatar.bytes);
  }

  private toPerson(row: PersonRow): DirectoryPerson {
    const departments = this.departmentMap();
    const path: string[] = [];
    const seen = new Set<number>();
    for (let id = row.department_id; id !== null && !seen.has(id); id = departments.get(id)?.parentId ?? null) {
      seen.add(id);
      const department = departments.get(id);
      if (!department) break;
      path.unshift(department.name);
    }
    return {
      id: row.id,
      departmentId: row.department_id,
      departmentPath: path,
      name: row.name,
      extension: row.extension,
      mobile: row.mobile,
      email: row.email,
      callPermission: row.call_permission,
    };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function personParams(person: FeedPerson, keys: ReturnType<typeof nameKeys>) {
  return {
    id: person.id,
    departmentId: person.departmentId,
    name: person.name,
    extension: person.extension,
    mobile: person.mobile,
    email: person.email,
    callPermission: person.callPermission,
    hasAvatar: person.hasAvatar ? 1 : 0,
    syllables: keys.syllables.join(' '),
    syllableAt: keys.syllableAt.join(' '),
    sortKey: keys.sortKey,
  };
}

export type { PersonRow };
