/** The provisioning service's directory feed (switchboard/provisioning/openapi.yaml), validated at the boundary. */
import { z } from 'zod';
import { CallPermissionSchema } from '../../../src/shared/directory.ts';

export const FeedPageSchema = z.object({
  version: z.number().int().min(0),
  next: z.number().int().min(0),
  more: z.boolean(),
  departments: z.array(
    z.object({
      id: z.number().int(),
      parentId: z.number().int().nullable(),
      name: z.string().min(1).max(200),
      sortOrder: z.number().int(),
      version: z.number().int(),
    }),
  ),
  people: z.array(
    z.object({
      id: z.number().int(),
      departmentId: z.number().int().nullable(),
      name: z.string().min(1).max(200),
      extension: z.string().regex(/^\d{2,8}$/),
      mobile: z.string().regex(/^\+[1-9]\d{7,14}$/),
      email: z.string().max(320).nullable(),
      callPermission: CallPermissionSchema,
      hasAvatar: z.boolean(),
      version: z.number().int(),
    }),
  ),
  deleted: z.array(
    z.object({ kind: z.enum(['department', 'person']), id: z.number().int(), version: z.number().int() }),
  ),
});
export type FeedPage = z.infer<typeof FeedPageSchema>;
export type FeedPerson = FeedPage['people'][number];
