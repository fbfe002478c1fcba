import { sql } from 'drizzle-orm';
import { queryRows } from '@lianxin/db';
import type { ServiceItem, serviceItemInputSchema } from '@lianxin/contracts';
import type { z } from 'zod';
import { withinScope, writeScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, fieldError, isUniqueViolation, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';

const itemColumns = sql`id, org_id as "orgId", list, category, title, description, template_id as "templateId"`;

/**
 * A unit's lists (服务清单 / 责任清单 / 资源清单): the city's templates, each marked when the unit adopted it, and the
 * unit's own items (adopted templates and its additions), by list and category.
 */
export async function serviceLists(ctx: ServiceContext, orgId: number) {
  const org = await findOrg(ctx.db, ctx.scope, orgId);
  if (!org) throw notFound();
  const [templates, items] = await Promise.all([
    queryRows<ServiceItem & { adopted: boolean }>(ctx.db, sql`
      select ${itemColumns}, exists (select 1 from service_items a where a.org_id = ${org.id} and a.template_id = t.id) as adopted
        from service_items t where t.org_id is null order by t.sort, t.id`),
    queryRows<ServiceItem>(ctx.db, sql`
      select ${itemColumns} from service_items where org_id = ${org.id} and ${withinScope(ctx.scope, sql`org_path`)} order by list, category, sort, id`),
  ]);
  return { templates, items };
}

/** Adopts a city template (once per unit: a unique index) or adds the unit's own item. */
export async function addServiceItem(ctx: ServiceContext, input: z.output<typeof serviceItemInputSchema>): Promise<ServiceItem> {
  writeScope(ctx.scope);
  const org = await findOrg(ctx.db, ctx.scope, input.orgId);
  if (!org) throw fieldError('orgId', 'error.not_found', 404, 'not_found');
  if (input.templateId !== undefined) {
    const [template] = await queryRows<{ id: number }>(ctx.db, sql`select id from service_items where id = ${input.templateId} and org_id is null`);
    if (!template) throw fieldError('templateId', 'serviceList.template');
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await queryRows<ServiceItem>(tx, sql`
        insert into service_items (org_id, org_path, list, category, title, description, template_id)
        values (${org.id}, ${org.path}::ltree, ${input.list}, ${input.category}, ${input.title}, ${input.description}, ${input.templateId ?? null})
        returning ${itemColumns}`);
      if (!row) throw new Error('service item not written');
      await recordAudit(tx, ctx.actor, ctx.ip, { action: 'create', objectType: 'service_item', objectId: row.id, orgPath: org.path, detail: { list: input.list, templateId: input.templateId ?? null } });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 409, 'serviceList.adopted', {}, { templateId: 'serviceList.adopted' });
    throw error;
  }
}

/** Removes one of the unit's items (templates themselves are not the units' to delete). */
export async function removeServiceItem(ctx: ServiceContext, id: number): Promise<void> {
  writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const [row] = await queryRows<{ orgPath: string }>(tx, sql`
      delete from service_items where id = ${id} and org_id is not null and ${withinScope(ctx.scope, sql`org_path`)} returning org_path::text as "orgPath"`);
    if (!row) throw notFound();
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'delete', objectType: 'service_item', objectId: id, orgPath: row.orgPath });
  });
}
