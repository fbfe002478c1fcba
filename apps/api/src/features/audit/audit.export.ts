import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inArray, sql } from 'drizzle-orm';
import { auditLog } from '@lianxin/db';
import { auditActionLabels, auditDetailPairs, auditExportQuerySchema, auditObjectTypeLabels, label } from '@lianxin/contracts';
import { access } from '../../access/route-access.ts';
import { serviceContext } from '../../context.ts';
import { forbidden } from '../../errors.ts';
import { exportIds, sendXlsxExport, type XlsxExport } from '../../lib/list-export.ts';
import { orderBy } from '../../lib/paged-list.ts';
import { auditEntryColumns, auditListOrder, auditListWhere, recordAudit, type AuditRow } from './audit.repo.ts';

const LOCALE = 'zh-CN';
const shanghaiTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** 审计日志导出: the entries the audit page shows for the same query, streamed, in readable words. */
export const auditExportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit/export.xlsx',
    {
      schema: {
        tags: ['audit'], querystring: auditExportQuerySchema,
        description: 'The audit entries the list shows for the same query (filters, sort) as a streamed xlsx; header x-export-rows: the row count.',
      },
      config: { access: access.staffRead() },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      if (ctx.scope.kind !== 'subtree') throw forbidden();
      const query = request.query;
      const ids = await exportIds(ctx.db, sql`select ${auditLog.id} as id from ${auditLog} where ${auditListWhere(ctx.scope, query)} order by ${orderBy(auditListOrder, query)}`);
      const { sort: _sort, order: _order, ...filters } = query;
      await recordAudit(ctx.db, ctx.actor, ctx.ip, {
        action: 'read_personal', objectType: 'audit_export', orgPath: ctx.scope.path, detail: { count: ids.length, ...filters },
      });
      const spec: XlsxExport<AuditRow> = {
        filename: '审计日志.xlsx',
        sheet: '审计日志',
        columns: [['时间', 20], ['操作人', 20], ['操作', 14], ['对象类型', 16], ['对象', 30], ['对象编号', 14], ['IP', 16], ['详情', 60]],
        bytesPerRow: 70,
        rows: (chunk) => ctx.db.select(auditEntryColumns).from(auditLog).where(inArray(auditLog.id, chunk)),
        id: (r) => r.id,
        cells: (r) => [
          shanghaiTime.format(new Date(r.at)), r.actorUsername ?? '', label(auditActionLabels, r.action, LOCALE),
          auditObjectTypeLabels[r.objectType]?.[LOCALE] ?? r.objectType, r.objectName ?? '', r.objectId ?? '', r.ip ?? '',
          auditDetailPairs(r.detail ?? null, LOCALE).map(([k, v]) => `${k}：${v}`).join('；'),
        ],
      };
      return sendXlsxExport(reply, spec, ids);
    },
  );
};
