import { z } from 'zod';
import { calendarDateSchema } from './input.ts';
import { pagedResponse, pageQuery, sortQuery } from './paging.ts';

export const auditActions = [
  'create', 'update', 'delete', 'move', 'read_personal', 'login', 'logout', 'login_failed', 'login_locked', 'verify_card', 'read_document',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.object({ id: z.number().int(), username: z.string() }).nullable(),
  action: z.enum(auditActions),
  objectType: z.string(),
  objectId: z.string().nullable(),
  /** what the object is called now (enterprise, union, member, user…), when it can be told */
  objectName: z.string().nullable(),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** What the audit page sorts by (default: newest first). */
export const auditSortKeys = ['at'] as const;

export const auditQuerySchema = z.object({
  action: z.enum(auditActions).optional(),
  objectType: z.string().max(40).optional(),
  /** the acting account's name (start of it) */
  actor: z.string().trim().max(40).optional(),
  /** Asia/Shanghai dates, both included */
  from: calendarDateSchema.optional(),
  to: calendarDateSchema.optional(),
  ...pageQuery(50),
  ...sortQuery(auditSortKeys),
});

export const auditListResponseSchema = pagedResponse(auditEntrySchema);

/** The audit log's query without the page: what the screen shows, all of it, for the export. */
export const auditExportQuerySchema = auditQuerySchema.omit({ page: true, pageSize: true });
