/**
 * 三同时 (DOMAIN.md §1, 哈尔滨): union building follows a new enterprise — sign the building agreement at
 * registration, prepare the union during construction, run it at opening. A newly registered non-public
 * enterprise gets the three tasks when it enters the registry.
 */
import { sql } from 'drizzle-orm';
import { queryRows, santongshiTasks, type Database, type Tx } from '@lianxin/db';
import {
  isNonPublic, santongshiPhases, shanghaiDate, type Ownership, type Paged, type SantongshiPhase, type SantongshiTask,
  type santongshiQuerySchema, type santongshiSortKeys,
} from '@lianxin/contracts';
import { addDays } from '@lianxin/contracts';
import type { z } from 'zod';
import { withinScope, writeScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { pagedList, type ListOrder } from '../../lib/paged-list.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';

/** Days after registration each task falls due (opening: the opening date when known). */
const DUE_AFTER_REGISTRATION: Record<SantongshiPhase, number> = { registration: 30, construction: 90, opening: 180 };
/** Enterprises registered longer ago than this are not "new": no tasks. */
const NEW_FOR_DAYS = 365;

export function santongshiDueDates(registeredOn: string, openedOn: string | null): Record<SantongshiPhase, string> {
  return {
    registration: addDays(registeredOn, DUE_AFTER_REGISTRATION.registration),
    construction: addDays(registeredOn, DUE_AFTER_REGISTRATION.construction),
    opening: openedOn ?? addDays(registeredOn, DUE_AFTER_REGISTRATION.opening),
  };
}

/** Creates the three tasks for a newly registered non-public enterprise; does nothing for others. */
export async function createSantongshiTasks(
  tx: Tx, enterprise: { id: number; ownership: Ownership; registeredOn: string | null; openedOn: string | null }, today = shanghaiDate(),
): Promise<void> {
  const registeredOn = enterprise.registeredOn ?? today;
  if (!isNonPublic(enterprise.ownership) || registeredOn < addDays(today, -NEW_FOR_DAYS)) return;
  const due = santongshiDueDates(registeredOn, enterprise.openedOn);
  await tx.insert(santongshiTasks)
    .values(santongshiPhases.map((phase) => ({ enterpriseId: enterprise.id, phase, dueOn: due[phase] })))
    .onConflictDoNothing();
}

interface TaskRow { id: number; enterprise_id: number; name: string; credit_code: string; phase: SantongshiPhase; due_on: string; done_on: string | null }

const taskColumns = sql`t.id, t.enterprise_id, e.name, e.credit_code, t.phase, t.due_on::text as due_on, t.done_on::text as done_on`;

function toTask(r: TaskRow, today: string): SantongshiTask {
  return {
    id: r.id,
    enterprise: { id: r.enterprise_id, name: r.name, creditCode: r.credit_code },
    phase: r.phase,
    dueOn: r.due_on,
    doneOn: r.done_on,
    overdue: r.done_on === null && r.due_on < today,
  };
}

export async function tasksOfEnterprise(db: Database, enterpriseId: number): Promise<SantongshiTask[]> {
  const rows = await queryRows<TaskRow>(db, sql`
    select ${taskColumns} from santongshi_tasks t join enterprises e on e.id = t.enterprise_id
     where t.enterprise_id = ${enterpriseId} order by t.due_on`);
  const today = shanghaiDate();
  return rows.map((r) => toTask(r, today));
}

const taskOrder: ListOrder<(typeof santongshiSortKeys)[number]> = {
  // open tasks first, the next due on top
  default: sql`t.done_on nulls first, t.due_on, t.id`,
  keys: { dueOn: sql`t.due_on` },
  tiebreaker: sql`t.id`,
};

/** A page of the 三同时 tasks of a unit's enterprises inside the scope (open first unless sorted), with a bounded total. */
export async function listSantongshiTasks(ctx: ServiceContext, query: z.output<typeof santongshiQuerySchema>): Promise<Paged<SantongshiTask>> {
  if (ctx.scope.kind !== 'subtree') throw notFound();
  const org = await findOrg(ctx.db, ctx.scope, query.orgId ?? ctx.scope.rootOrgId);
  if (!org) throw notFound();
  const status = query.status === 'open' ? sql`and t.done_on is null` : query.status === 'done' ? sql`and t.done_on is not null` : sql``;
  const where = sql`e.org_path <@ ${org.path}::ltree and ${withinScope(ctx.scope, sql`e.org_path`)} ${status}`;
  const page = await pagedList(ctx.db, {
    query,
    order: taskOrder,
    rows: (orderBy, limit, offset) => queryRows<TaskRow>(ctx.db, sql`
      select ${taskColumns} from santongshi_tasks t join enterprises e on e.id = t.enterprise_id
       where ${where} order by ${orderBy}
       limit ${limit} offset ${offset}`),
    count: { from: sql`santongshi_tasks t join enterprises e on e.id = t.enterprise_id`, where },
  });
  const today = shanghaiDate();
  return { ...page, items: page.items.map((r) => toTask(r, today)) };
}

export async function completeSantongshiTask(ctx: ServiceContext, taskId: number): Promise<SantongshiTask> {
  const scope = writeScope(ctx.scope);
  const today = shanghaiDate();
  const row = await ctx.db.transaction(async (tx) => {
    const [task] = await queryRows<TaskRow & { org_path: string }>(tx, sql`
      select ${taskColumns}, e.org_path::text as org_path from santongshi_tasks t join enterprises e on e.id = t.enterprise_id
       where t.id = ${taskId} and ${withinScope(scope, sql`e.org_path`)} for update of t`);
    if (!task) throw notFound();
    if (task.done_on !== null) throw new AppError('conflict', 409, 'santongshi.done');
    await tx.execute(sql`update santongshi_tasks set done_on = ${today}::date, done_by = ${ctx.actor.userId} where id = ${taskId}`);
    await tx.execute(sql`
      insert into enterprise_events (enterprise_id, org_path, kind, detail, user_id)
      values (${task.enterprise_id}, ${task.org_path}::ltree, 'task', ${JSON.stringify({ taskId, phase: task.phase })}::jsonb, ${ctx.actor.userId})`);
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'update', objectType: 'santongshi_task', objectId: taskId, orgPath: task.org_path, detail: { phase: task.phase, done: true },
    });
    return { ...task, done_on: today };
  });
  return toTask(row, today);
}
