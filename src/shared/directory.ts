/** The company directory as the UI and other features see it (IPC schemas). */
import { z } from 'zod';

export const CallPermissionSchema = z.enum(['internal', 'national', 'international']);

export const DirectoryPersonSchema = z.strictObject({
  id: z.number().int(),
  departmentId: z.number().int().nullable(),
  /** The department's path from the root, e.g. ["销售部 Sales", "华东 East"]. */
  departmentPath: z.array(z.string()),
  name: z.string(),
  extension: z.string(),
  mobile: z.string(),
  email: z.string().nullable(),
  callPermission: CallPermissionSchema,
});
export type DirectoryPerson = z.infer<typeof DirectoryPersonSchema>;

export const DirectoryDepartmentSchema = z.strictObject({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  /** People directly in this department. */
  directCount: z.number().int(),
  /** People in this department and every department below it. */
  totalCount: z.number().int(),
});
export type DirectoryDepartment = z.infer<typeof DirectoryDepartmentSchema>;

export const MatchFieldSchema = z.enum(['name', 'extension', 'mobile', 'email']);
/** What matched, as a range of the shown field, for highlighting. */
export const MatchSchema = z.strictObject({
  field: MatchFieldSchema,
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  /** Why it matched: shown nowhere, useful to tests and ranking. */
  via: z.enum(['extension', 'name', 'pinyin', 'initials', 'name-part', 'extension-prefix', 'email', 'mobile']),
});
export type Match = z.infer<typeof MatchSchema>;

export const SearchHitSchema = z.strictObject({ person: DirectoryPersonSchema, match: MatchSchema });
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const DirectoryStatusSchema = z.strictObject({
  /** 'no-device': signed in with a SIP account, not a mobile number, so there is no directory to sync. */
  state: z.enum(['no-device', 'empty', 'syncing', 'ready', 'error']),
  people: z.number().int(),
  version: z.number().int(),
  lastSyncAt: z.number().nullable(),
  /** The last sync's failure ('offline', 'signed-out-elsewhere', 'server-error'); the old directory stays usable. */
  error: z.enum(['offline', 'signed-out-elsewhere', 'server-error']).nullable(),
});
export type DirectoryStatus = z.infer<typeof DirectoryStatusSchema>;

export const DirectoryQuerySchema = z.string().max(100);
