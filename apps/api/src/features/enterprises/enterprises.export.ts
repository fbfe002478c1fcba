import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eq, inArray, sql } from 'drizzle-orm';
import { enterprises, orgs, regionName } from '@lianxin/db';
import { enterpriseListQuerySchema, industrySectionLabels, label, ownershipLabels, unionStatusLabels } from '@lianxin/contracts';
import { access } from '../../access/route-access.ts';
import { serviceContext } from '../../context.ts';
import { exportIds, sendXlsxExport, type XlsxExport } from '../../lib/list-export.ts';
import { orderBy } from '../../lib/paged-list.ts';
import { listColumns, listConditions, listOrder, type ListRow } from './enterprises.repo.ts';

/** The enterprise list's query without the page. */
export const enterpriseExportQuerySchema = enterpriseListQuerySchema.omit({ page: true, pageSize: true });

const LOCALE = 'zh-CN';

/** 企业名录导出: the enterprises the list shows for the same query (filters, search, sort), streamed. */
export const enterpriseExportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/enterprises/export.xlsx',
    {
      schema: {
        tags: ['enterprises'], querystring: enterpriseExportQuerySchema,
        description: 'The enterprises the list shows for the same query (filters, search, sort) as a streamed xlsx; header x-export-rows: the row count.',
      },
      config: { access: access.staffRead() },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const filter = { ...request.query, page: 1, pageSize: 1 };
      const ids = await exportIds(ctx.db, sql`select ${enterprises.id} as id from ${enterprises} where ${listConditions(ctx.scope, filter)} order by ${orderBy(listOrder, filter)}`);
      const spec: XlsxExport<ListRow> = {
        filename: '企业名录.xlsx',
        sheet: '企业名录',
        columns: [
          ['统一社会信用代码', 22], ['企业名称', 36], ['所在街镇', 16], ['行业门类', 24], ['经济类型', 14], ['双实企业', 8],
          ['职工人数', 10], ['建会状态', 10], ['负责工会', 30], ['成立日期', 12],
        ],
        bytesPerRow: 80,
        rows: (chunk) => ctx.db.select(listColumns).from(enterprises).innerJoin(orgs, eq(orgs.id, enterprises.orgId)).where(inArray(enterprises.id, chunk)),
        id: (r) => r.id,
        cells: (r) => [
          r.creditCode, r.name, regionName(r.regionCode), label(industrySectionLabels, r.industry, LOCALE), label(ownershipLabels, r.ownership, LOCALE),
          r.dualReal ? '是' : '否', r.employeeCount, label(unionStatusLabels, r.unionStatus, LOCALE), r.orgName, r.registeredOn ?? '',
        ],
      };
      return sendXlsxExport(reply, spec, ids);
    },
  );
};
