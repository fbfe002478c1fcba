import { z } from 'zod';
import { pagedResponse, pageQuery, sortQuery } from './paging.ts';

export const auditActions = [
  'create', 'update', 'delete', 'move', 'read_personal', 'login', 'logout', 'login_failed', 'login_locked', 'verify_card',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.object({ id: z.number().int(), username: z.string() }).nullable(),
  action: z.enum(auditActions),
  objectType: z.string(),
  objectId: z.string().nullable(),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** What the audit page sorts by (default: newest first). */
export const auditSortKeys = ['at'] as const;

export const auditQuerySchema = z.object({
  action: z.enum(auditActions).optional(),
  objectType: z.string().max(40).optional(),
  ...pageQuery(50),
  ...sortQuery(auditSortKeys),
});

export const auditListResponseSchema = pagedResponse(auditEntrySchema);
