import { z } from 'zod';
import { recordIdSchema } from './input.ts';
import { grantKinds } from './capabilities.ts';

/** A duty granted to a user at an organisation (capabilities module). */
export const grantSchema = z.object({
  id: z.number().int(),
  kind: z.enum(grantKinds),
  org: z.object({ id: z.number().int(), name: z.string() }),
  user: z.object({ id: z.number().int(), username: z.string(), displayName: z.string() }),
  createdAt: z.string(),
});
export type Grant = z.infer<typeof grantSchema>;

export const grantCreateSchema = z.object({
  userId: recordIdSchema,
  kind: z.enum(grantKinds),
});
export type GrantCreate = z.infer<typeof grantCreateSchema>;

export const grantListResponseSchema = z.object({ items: z.array(grantSchema) });
