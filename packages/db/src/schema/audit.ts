import { pgTable, bigint, integer, text, timestamp, jsonb, index } from 'drizzle-orm/pg-core';
import { auditActions } from '@lianxin/contracts';
import { ltree } from './types.ts';

/**
 * Append-only audit trail (a trigger refuses UPDATE and DELETE). `orgPath` is the path of the organisation
 * the object belongs to, so the audit page is scoped like everything else.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    actorUserId: integer('actor_user_id'),
    actorUsername: text('actor_username'),
    orgPath: ltree('org_path'),
    action: text('action', { enum: auditActions }).notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    ip: text('ip'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_log_org_path_gist').using('gist', t.orgPath), index('audit_log_at_idx').on(t.at)],
);
