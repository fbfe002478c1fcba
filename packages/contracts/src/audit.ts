import { z } from 'zod';

export const auditActions = ['create', 'update', 'delete', 'move', 'read_personal', 'login', 'logout', 'login_failed'] as const;
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

export const auditQuerySchema = z.object({
  action: z.enum(auditActions).optional(),
  objectType: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditListResponseSchema = z.object({ items: z.array(auditEntrySchema), total: z.number().int() });
