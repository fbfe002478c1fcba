import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eq, inArray, sql } from 'drizzle-orm';
import { applications, enterprises, orgs, regionName } from '@lianxin/db';
import { applicationListQuerySchema, applicationStatusLabels, label, maskIdNumber, maskPhone, occupationLabels, routingReasonLabels } from '@lianxin/contracts';
import { access } from '../../access/route-access.ts';
import { serviceContext } from '../../context.ts';
import { forbidden } from '../../errors.ts';
import { exportIds, sendXlsxExport, type XlsxExport } from '../../lib/list-export.ts';
import { orderBy } from '../../lib/paged-list.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { applicationListOrder, applicationListWhere, type ApplicationRow } from './applications.repo.ts';

/** The application list's query without the page. */
export const applicationExportQuerySchema = applicationListQuerySchema.omit({ page: true, pageSize: true });

const LOCALE = 'zh-CN';
const shanghaiTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});

/** 入会申请导出: the applications the queue shows for the same query, streamed, masked; audit-logged. */
export const applicationExportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/applications/export.xlsx',
    {
      schema: {
        tags: ['membership'], querystring: applicationExportQuerySchema,
        description: 'The applications the queue shows for the same query (status, search, sort) as a streamed xlsx, masked; audit-logged.',
      },
      config: { access: access.staffRead() },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      if (ctx.scope.kind !== 'subtree') throw forbidden();
      const query = request.query;
      const ids = await exportIds(ctx.db, sql`select ${applications.id} as id from ${applications} where ${applicationListWhere(ctx.scope, query)} order by ${orderBy(applicationListOrder, query)}`);
      const { sort: _sort, order: _order, ...filters } = query;
      await recordAudit(ctx.db, ctx.actor, ctx.ip, {
        action: 'read_personal', objectType: 'application_export', orgPath: ctx.scope.path, detail: { count: ids.length, ...filters },
      });
      const { cipher } = ctx;
      const spec: XlsxExport<ApplicationRow> = {
        filename: '入会申请.xlsx',
        sheet: '入会申请',
        columns: [
          ['申请编号', 14], ['姓名', 12], ['身份证号', 22], ['手机号', 15], ['职业', 12], ['工作单位', 30], ['所在街镇', 16],
          ['受理工会', 30], ['分配依据', 20], ['状态', 8], ['提交时间', 18],
        ],
        bytesPerRow: 90,
        rows: (chunk) =>
          ctx.db
            .select({ application: applications, routedName: orgs.name, employerName: enterprises.name })
            .from(applications)
            .innerJoin(orgs, eq(orgs.id, applications.routedOrgId))
            .leftJoin(enterprises, eq(enterprises.id, applications.employerId))
            .where(inArray(applications.id, chunk)),
        id: (r) => r.application.id,
        cells: ({ application: a, routedName, employerName }) => [
          a.reference, a.name, maskIdNumber(cipher.decrypt(a.idNumberEnc)), maskPhone(cipher.decrypt(a.phoneEnc)),
          label(occupationLabels, a.occupation, LOCALE), employerName ?? '', a.regionCode ? regionName(a.regionCode) : '', routedName,
          label(routingReasonLabels, a.reasonCode, LOCALE), label(applicationStatusLabels, a.status, LOCALE), shanghaiTime.format(new Date(a.createdAt)),
        ],
      };
      return sendXlsxExport(reply, spec, ids);
    },
  );
};
