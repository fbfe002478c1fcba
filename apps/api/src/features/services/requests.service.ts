import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '@lianxin/db';
import {
  acceptanceStates, can, dueDate, shanghaiDate, stationLevels, type AcceptanceState, type RequestFigures, type Role, type StationLevel, workingDaysBetween, type ServiceRequest, type ServiceRequestListItem, type memberRequestCreateSchema,
  type serviceRequestCreateSchema, type serviceRequestListQuerySchema,
} from '@lianxin/contracts';
import type { z } from 'zod';
import { requireCapability, writeScope, type Actor } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { enqueueSms } from '../notifications/outbox.ts';
import { figureColumns } from '../coverage/figures.sql.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import { loadCalendar } from './calendar.repo.ts';
import { findStation } from './stations.repo.ts';
import { signRequestToken } from './requests.token.ts';
import { scopedEnterpriseOrNull } from '../rights/rights.shared.ts';
import { raiseAutomaticWarning } from '../rights/warnings.service.ts';
import {
  addEvent, findOwnRequest, findRequest, listRequests, mineIds, OPEN_STATUSES, pausesOf, requestVisible, toListItem, toRequest, type RequestRow,
} from './requests.repo.ts';

/**
 * Service requests (诉求), DOMAIN.md §3: 来访职工首问负责制 — whoever first receives a request owns it until it is
 * closed (a station's or the hotline's staff member at once; from the H5 the first staff member of the receiving
 * union to accept it); 转办 hands the work to another union, whose staff member becomes the handler while the
 * owner stays accountable; 一口受理、限时办结 — the category's limit in working days from the working day after
 * receipt (行政许可法 art. 82), stopped while 补正 materials are awaited, one extension approved by the unit head
 * (capability `requests.approveExtension`) and told to the requester.
 */

const wrongStatus = () => new AppError('conflict', 409, 'request.wrongStatus');

export async function category(db: Database | Tx, code: string) {
  const [row] = await queryRows<{ code: string; workingDays: number }>(db, sql`select code, working_days as "workingDays" from service_categories where code = ${code}`);
  if (!row) throw fieldError('categoryCode', 'request.categoryUnknown');
  return row;
}

/** The due date from receipt, the limit (plus an extension) and the pauses, on the official calendar. */
async function computeDue(db: Database | Tx, receivedOn: string, workingDays: number, requestId: number | null) {
  const pauses = requestId === null ? [] : await pausesOf(db, requestId);
  return dueDate(await loadCalendar(db, receivedOn), receivedOn, workingDays, pauses);
}

export interface NewRequest {
  categoryCode: string; limitDays: number; orgId: number; orgPath: string; orgName: string; channel: string; status: 'received' | 'in_progress';
  description: string; requesterName: string; requesterPhone: string; requesterUserId: number | null; stationId: number | null;
  receivedAt: Date; ownerUserId: number | null; enterpriseId?: number | null;
  /** a requester without an account (the H5's public form): the acknowledgement carries the follow link */
  followLink?: boolean;
}

/** Writes a new request with its events, audit entry and the requester's SMS; `ctx.actor` null for a requester without an account. */
export async function insertRequest(
  tx: Tx, ctx: Pick<ServiceContext, 'cipher' | 'keys' | 'ip'> & { actor: Pick<Actor, 'userId' | 'username'> | null }, r: NewRequest,
): Promise<number> {
  const receivedOn = shanghaiDate(r.receivedAt);
  const due = await computeDue(tx, receivedOn, r.limitDays, null);
  const [row] = await queryRows<{ id: number }>(tx, sql`
    insert into service_requests (category_code, org_id, org_path, channel, status, description, requester_name, requester_phone_enc, requester_phone_hash,
                                  requester_user_id, station_id, enterprise_id, received_at, received_on, limit_days, due_on, provisional, owner_user_id, accepted_at)
    values (${r.categoryCode}, ${r.orgId}, ${r.orgPath}::ltree, ${r.channel}, ${r.status}, ${r.description}, ${r.requesterName},
            ${ctx.cipher.encrypt(r.requesterPhone)}, ${ctx.keys.blindIndex(r.requesterPhone)}, ${r.requesterUserId}, ${r.stationId}, ${r.enterpriseId ?? null},
            ${r.receivedAt.toISOString()}::timestamptz, ${receivedOn}::date, ${r.limitDays}, ${due.dueOn}::date, ${due.provisional}, ${r.ownerUserId},
            ${r.ownerUserId === null ? null : new Date().toISOString()}::timestamptz)
    returning id`);
  if (!row) throw new Error('request not written');
  await addEvent(tx, row.id, 'received', ctx.actor?.userId ?? null, r.channel);
  if (r.ownerUserId !== null) await addEvent(tx, row.id, 'accepted', r.ownerUserId);
  await recordAudit(tx, ctx.actor, ctx.ip, { action: 'create', objectType: 'service_request', objectId: row.id, orgPath: r.orgPath, detail: { channel: r.channel, categoryCode: r.categoryCode } });
  const received = { id: String(row.id), union: r.orgName, dueOn: due.dueOn ?? '' };
  if (r.followLink) {
    await enqueueSms(tx, ctx.cipher, r.requesterPhone, 'request_received_guest', { ...received, link: `/m/follow/${signRequestToken(ctx.keys, 'follow', row.id)}` });
  } else {
    await enqueueSms(tx, ctx.cipher, r.requesterPhone, 'request_received', received);
  }
  return row.id;
}

/**
 * A request taken by staff. At a station or by the hotline the recording staff member owns it at once (首问负责);
 * an H5 request typed in by staff waits in the union's queue. `receivedAt` may be a past time (taken on paper or by
 * phone): the deadline counts from that day; a time in the future is refused. `enterpriseId` names the enterprise it
 * is about (in the scope, else 404): in the same transaction the rights module counts the enterprise's requests and
 * cases of the last 30 days and raises its automatic early warning at the city's threshold (DOMAIN.md §3, issue 12).
 *
 * The same request saved again by the same staff member (a double click, a retry within {@link RESUBMIT_WINDOW_MS}:
 * same union, channel, position, category, text and requester's phone, still open) answers the first
 * (`created: false`, HTTP 200); the recorder's advisory lock makes two saves sent at once meet one after the other.
 */
/** How far back staff may date a request's receipt (`receivedAt`): 366 days. */
const RECEIVED_AT_MAX_AGE_MS = 366 * 86_400_000;

export async function createRequest(
  ctx: ServiceContext, input: z.output<typeof serviceRequestCreateSchema>, now = new Date(),
): Promise<{ request: ServiceRequest; created: boolean }> {
  writeScope(ctx.scope);
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  // a request taken on paper or by phone is entered within a year; an older time would only go overdue at once and
  // escalate (and a year before 1900 has no calendar at all)
  if (receivedAt.getTime() > now.getTime() + 60_000 || receivedAt.getTime() < now.getTime() - RECEIVED_AT_MAX_AGE_MS) throw fieldError('receivedAt', 'request.receivedAt');
  const org = await findOrg(ctx.db, ctx.scope, input.orgId);
  if (!org) throw fieldError('orgId', 'error.not_found', 404, 'not_found');
  const cat = await category(ctx.db, input.categoryCode);
  if (input.stationId !== undefined) {
    const station = await findStation(ctx.db, ctx.scope, input.stationId);
    if (!station) throw fieldError('stationId', 'request.stationUnknown', 404, 'not_found');
    // The position must belong to the receiving union, a union below it (a street union's request taken at one of
    // its enterprises' relay stations) or a union above it (a street's request taken at the district's service
    // centre): the request's channel "at a station" then names a place that union's line answers for. A position of
    // a sibling or cousin union inside the actor's scope (another street of the same district) would file the
    // request with one union while its station figures and map count another's position: 400 on stationId.
    if (!(station.orgPath === org.path || station.orgPath.startsWith(`${org.path}.`) || org.path.startsWith(`${station.orgPath}.`))) {
      throw fieldError('stationId', 'request.stationOutsideOrg');
    }
  }
  const queued = input.channel === 'h5';
  const { id, created } = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('service_requests.staff'), ${ctx.actor.userId})`);
    // locked like a case's: the warning's count of this enterprise's signals sees every earlier request and case
    const enterprise = input.enterpriseId === undefined ? null : await scopedEnterpriseOrNull(tx, ctx.scope, input.enterpriseId);
    if (input.enterpriseId !== undefined && !enterprise) throw fieldError('enterpriseId', 'error.not_found', 404, 'not_found');
    const [same] = await queryRows<{ id: number }>(tx, sql`
      select r.id from service_requests r join service_request_events ev on ev.request_id = r.id and ev.action = 'received'
       where ev.actor_user_id = ${ctx.actor.userId} and r.org_id = ${org.id} and r.channel = ${input.channel} and r.status in ('received', 'in_progress')
         and r.category_code = ${cat.code} and r.station_id is not distinct from ${input.stationId ?? null}::int and r.description = ${input.description}
         and r.requester_phone_hash = ${ctx.keys.blindIndex(input.requesterPhone)}
         and ev.at > ${new Date(now.getTime() - RESUBMIT_WINDOW_MS).toISOString()}::timestamptz
       order by r.id limit 1`);
    if (same) return { id: same.id, created: false };
    const newId = await insertRequest(tx, ctx, {
      categoryCode: cat.code, limitDays: cat.workingDays, orgId: org.id, orgPath: org.path, orgName: org.name, channel: input.channel,
      status: queued ? 'received' : 'in_progress', description: input.description, requesterName: input.requesterName, requesterPhone: input.requesterPhone,
      requesterUserId: null, stationId: input.stationId ?? null, receivedAt, ownerUserId: queued ? null : ctx.actor.userId, enterpriseId: enterprise?.id ?? null,
    });
    if (enterprise) await raiseAutomaticWarning(tx, ctx, enterprise, shanghaiDate(now));
    return { id: newId, created: true };
  });
  void ctx.flushNotifications();
  return { request: await requestDetail(ctx, id, now), created };
}

/**
 * A member's request from the H5: into the queue of the position's union (`stationId`), of the union named
 * (`orgId`), or else of the member's own union. Name and phone are the membership record's.
 *
 * A double tap or a retry on a weak mobile connection sends the same request again: the same requester, union,
 * position, category and text, still waiting in the queue and received within {@link RESUBMIT_WINDOW_MS}, answers
 * the first request (`created: false`, HTTP 200) instead of queueing a second one. The requester's advisory lock
 * serialises two tries sent at once, so the second one sees the first.
 */
export async function createMemberRequest(
  ctx: ServiceContext, input: z.output<typeof memberRequestCreateSchema>, now = new Date(),
): Promise<{ request: ServiceRequest; created: boolean }> {
  if (ctx.actor.memberId === null) throw forbidden();
  const [member] = await queryRows<{ name: string; phoneEnc: string; orgId: number }>(ctx.db, sql`
    select name, phone_enc as "phoneEnc", org_id as "orgId" from members where id = ${ctx.actor.memberId} and status = 'active'`);
  if (!member) throw forbidden();
  const cat = await category(ctx.db, input.categoryCode);
  let orgId = input.orgId ?? member.orgId;
  let stationId: number | null = null;
  if (input.stationId !== undefined) {
    // a member sees only accepted positions (the nearest list shows no others): any other reads as unknown
    const station = await findStation(ctx.db, null, input.stationId);
    if (!station || station.acceptance !== 'accepted') throw fieldError('stationId', 'request.stationUnknown');
    orgId = station.orgId;
    stationId = station.id;
  }
  const [org] = await queryRows<{ id: number; path: string; name: string }>(ctx.db, sql`select id, path::text as path, name from orgs where id = ${orgId} and status = 'active'`);
  if (!org) throw fieldError('orgId', 'error.not_found', 404, 'not_found');
  const { id, created } = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('service_requests.h5'), ${ctx.actor.userId})`);
    const [same] = await queryRows<{ id: number }>(tx, sql`
      select id from service_requests
       where requester_user_id = ${ctx.actor.userId} and channel = 'h5' and status = 'received' and org_id = ${org.id}
         and category_code = ${cat.code} and station_id is not distinct from ${stationId}::int and description = ${input.description}
         and received_at > ${new Date(now.getTime() - RESUBMIT_WINDOW_MS).toISOString()}::timestamptz
       order by id limit 1`);
    if (same) return { id: same.id, created: false };
    const newId = await insertRequest(tx, ctx, {
      categoryCode: cat.code, limitDays: cat.workingDays, orgId: org.id, orgPath: org.path, orgName: org.name, channel: 'h5', status: 'received',
      description: input.description, requesterName: member.name, requesterPhone: ctx.cipher.decrypt(member.phoneEnc), requesterUserId: ctx.actor.userId,
      stationId, receivedAt: now, ownerUserId: null,
    });
    return { id: newId, created: true };
  });
  void ctx.flushNotifications();
  return { request: await memberRequestDetail(ctx, id, now), created };
}

/** How long a member's identical, still queued request counts as a resend of the first (a double tap, a retry). */
export const RESUBMIT_WINDOW_MS = 10 * 60_000;

export async function requestDetail(ctx: ServiceContext, id: number, now = new Date()): Promise<ServiceRequest> {
  const row = await findRequest(ctx.db, ctx.scope, id);
  if (!row) throw notFound();
  return toRequest(ctx.db, row, ctx.cipher, shanghaiDate(now));
}

export async function memberRequestDetail(ctx: ServiceContext, id: number, now = new Date()): Promise<ServiceRequest> {
  const row = await findOwnRequest(ctx.db, ctx.actor.userId, id);
  if (!row) throw notFound();
  return toRequest(ctx.db, row, ctx.cipher, shanghaiDate(now));
}

export async function memberRequests(ctx: ServiceContext, now = new Date()): Promise<ServiceRequestListItem[]> {
  const rows = await listRequests(ctx.db, sql`r.requester_user_id = ${ctx.actor.userId}`, 100);
  const today = shanghaiDate(now);
  return rows.map((r) => toListItem(r, ctx.cipher, today));
}

/** The list: visible to the scope; `mine` = owned or handled by the actor; `overdue` = open past due. Open work first, by due day (listRequests). */
export async function requestList(ctx: ServiceContext, q: z.output<typeof serviceRequestListQuerySchema>, now = new Date()): Promise<ServiceRequestListItem[]> {
  const today = shanghaiDate(now);
  const where: SQL[] = [requestVisible(ctx.scope)];
  if (q.orgId !== undefined) {
    const org = await findOrg(ctx.db, ctx.scope, q.orgId);
    if (!org) throw notFound();
    where.push(sql`(r.org_path <@ ${org.path}::ltree or r.transfer_org_path <@ ${org.path}::ltree or r.escalated_org_path <@ ${org.path}::ltree)`);
  }
  // open past the due day; written twice: bare inside the "mine" id scans, on `r` in the list's join
  const overdueIf = (bare: boolean): SQL => {
    if (q.overdue === undefined) return sql`true`;
    const cond = bare
      ? sql`(status in ('received', 'in_progress') and due_on < ${today}::date)`
      : sql`(r.status in ('received', 'in_progress') and r.due_on < ${today}::date)`;
    return q.overdue ? cond : sql`not ${cond}`;
  };
  if (q.mine) {
    where.push(sql`r.id in (${mineIds(ctx.actor.userId, q.limit, q.status, overdueIf(true))})`);
  } else {
    if (q.status) where.push(sql`r.status = ${q.status}`);
    where.push(overdueIf(false));
  }
  const rows = await listRequests(ctx.db, sql.join(where, sql` and `), q.limit);
  return rows.map((r) => toListItem(r, ctx.cipher, today));
}

/** Runs a change on the locked row inside one transaction, then answers the request as it is now. */
async function change(ctx: ServiceContext, id: number, now: Date, apply: (tx: Tx, row: RequestRow, today: string) => Promise<void>): Promise<ServiceRequest> {
  writeScope(ctx.scope);
  const today = shanghaiDate(now);
  await ctx.db.transaction(async (tx) => {
    const row = await findRequest(tx, ctx.scope, id, true);
    if (!row) throw notFound();
    await apply(tx, row, today);
  });
  void ctx.flushNotifications();
  return requestDetail(ctx, id, now);
}

const audit = (tx: Tx, ctx: ServiceContext, row: RequestRow, detail: Record<string, unknown>) =>
  recordAudit(tx, ctx.actor, ctx.ip, { action: 'update', objectType: 'service_request', objectId: row.id, orgPath: row.orgPath, detail });

/**
 * The requester's phone in clear, for staff whose scope sees the request (to call them back); the list and the
 * detail show it masked. Each reveal is an audit entry (`read_personal`) written before the answer.
 */
export async function revealRequesterPhone(ctx: ServiceContext, id: number): Promise<{ phone: string }> {
  writeScope(ctx.scope);
  const row = await findRequest(ctx.db, ctx.scope, id);
  if (!row) throw notFound();
  await recordAudit(ctx.db, ctx.actor, ctx.ip, {
    action: 'read_personal', objectType: 'service_request', objectId: id, orgPath: row.orgPath, detail: { field: 'requesterPhone' },
  });
  return { phone: ctx.cipher.decrypt(row.requesterPhoneEnc) };
}

/** Whether the actor works the request: its owner, or the handler after an accepted transfer. */
function assertWorker(ctx: ServiceContext, row: RequestRow) {
  if (row.ownerUserId !== ctx.actor.userId && row.handlerUserId !== ctx.actor.userId) throw new AppError('forbidden', 403, 'request.notOwner');
}

const inScope = (ctx: ServiceContext, path: string | null) => path !== null && ctx.scope.kind === 'subtree' && (path === ctx.scope.path || path.startsWith(`${ctx.scope.path}.`));

/**
 * Accept: a queued request becomes the actor's (首问负责; the row lock makes the first acceptor win, a second gets
 * 409); a request handed on to the actor's union makes the actor its handler (the owner stays).
 */
export function acceptRequest(ctx: ServiceContext, id: number, now = new Date()) {
  return change(ctx, id, now, async (tx, row) => {
    if (row.transferState === 'pending' && inScope(ctx, row.transferOrgPath) && row.ownerUserId !== ctx.actor.userId) {
      await tx.execute(sql`update service_requests set transfer_state = 'accepted', handler_user_id = ${ctx.actor.userId} where id = ${id}`);
      await addEvent(tx, id, 'transfer_accepted', ctx.actor.userId);
      await audit(tx, ctx, row, { transfer: 'accepted' });
      return;
    }
    if (row.status !== 'received') throw new AppError('conflict', 409, 'request.alreadyOwned');
    if (!inScope(ctx, row.orgPath) && !inScope(ctx, row.escalatedOrgPath)) throw notFound();
    const taken = await queryRows<{ id: number }>(tx, sql`
      update service_requests set owner_user_id = ${ctx.actor.userId}, status = 'in_progress', accepted_at = ${now.toISOString()}::timestamptz
       where id = ${id} and owner_user_id is null returning id`);
    if (taken.length === 0) throw new AppError('conflict', 409, 'request.alreadyOwned');
    await addEvent(tx, id, 'accepted', ctx.actor.userId);
    await audit(tx, ctx, row, { status: 'in_progress', owner: ctx.actor.userId });
  });
}

/** 转办: the owner hands the work to another union with a reason; its staff accept it (then they handle it). */
export function transferRequest(ctx: ServiceContext, id: number, body: { toOrgId: number; reason: string }, now = new Date()) {
  return change(ctx, id, now, async (tx, row) => {
    if (row.ownerUserId !== ctx.actor.userId) throw new AppError('forbidden', 403, 'request.notOwner');
    if (row.status !== 'in_progress' && row.status !== 'paused') throw wrongStatus();
    if (row.transferState === 'pending') throw wrongStatus();
    if (body.toOrgId === row.orgId) throw fieldError('toOrgId', 'request.transferTarget');
    const [target] = await queryRows<{ id: number; path: string }>(tx, sql`select id, path::text as path from orgs where id = ${body.toOrgId} and status = 'active'`);
    if (!target) throw fieldError('toOrgId', 'error.not_found', 404, 'not_found');
    await tx.execute(sql`
      update service_requests set transfer_org_id = ${target.id}, transfer_org_path = ${target.path}::ltree, transfer_reason = ${body.reason},
             transfer_state = 'pending', handler_user_id = null where id = ${id}`);
    await addEvent(tx, id, 'transferred', ctx.actor.userId, body.reason);
    await audit(tx, ctx, row, { transferTo: target.id });
  });
}

/** 补正: the clock stops from today until the requester's materials arrive. */
export function pauseRequest(ctx: ServiceContext, id: number, reason: string, now = new Date()) {
  return change(ctx, id, now, async (tx, row, today) => {
    assertWorker(ctx, row);
    if (row.status !== 'in_progress') throw wrongStatus();
    await tx.execute(sql`
      insert into service_request_pauses (request_id, from_on, to_on) values (${id}, ${today}::date, null)
      on conflict (request_id, from_on) do update set to_on = null`);
    await tx.execute(sql`update service_requests set status = 'paused', due_on = null where id = ${id}`);
    await addEvent(tx, id, 'paused', ctx.actor.userId, reason);
    await audit(tx, ctx, row, { status: 'paused' });
  });
}

async function recomputeDue(tx: Tx, row: RequestRow, extensionDays: number | null) {
  const due = await computeDue(tx, row.receivedOn, row.limitDays + (extensionDays ?? 0), row.id);
  await tx.execute(sql`update service_requests set due_on = ${due.dueOn}::date, provisional = ${due.provisional} where id = ${row.id}`);
  return due;
}

/** The materials arrived today: the clock counts again from the next working day. */
export function resumeRequest(ctx: ServiceContext, id: number, now = new Date()) {
  return change(ctx, id, now, async (tx, row, today) => {
    assertWorker(ctx, row);
    if (row.status !== 'paused') throw wrongStatus();
    await tx.execute(sql`update service_request_pauses set to_on = greatest(from_on, ${today}::date) where request_id = ${id} and to_on is null`);
    await tx.execute(sql`update service_requests set status = 'in_progress' where id = ${id}`);
    await recomputeDue(tx, row, row.extensionDays);
    await addEvent(tx, id, 'resumed', ctx.actor.userId);
    await audit(tx, ctx, row, { status: 'in_progress' });
  });
}

/** The one extension, approved by the unit's head (`requests.approveExtension` at the receiving union) and told to the requester. */
export function extendRequest(ctx: ServiceContext, id: number, body: { workingDays: number; reason: string }, now = new Date()) {
  return change(ctx, id, now, async (tx, row) => {
    requireCapability(ctx.actor, 'requests.approveExtension', row.orgPath);
    if (row.status !== 'in_progress' && row.status !== 'paused' && row.status !== 'received') throw wrongStatus();
    if (row.extensionDays !== null) throw new AppError('conflict', 409, 'request.extendedOnce');
    await tx.execute(sql`
      update service_requests set extension_days = ${body.workingDays}, extension_reason = ${body.reason}, extended_by = ${ctx.actor.userId},
             escalated_org_id = null, escalated_org_path = null, escalated_at = null where id = ${id}`);
    const due = row.status === 'paused' ? { dueOn: null } : await recomputeDue(tx, row, body.workingDays);
    await addEvent(tx, id, 'extended', ctx.actor.userId, `${body.workingDays}: ${body.reason}`);
    await audit(tx, ctx, row, { extensionDays: body.workingDays });
    await enqueueSms(tx, ctx.cipher, ctx.cipher.decrypt(row.requesterPhoneEnc), 'request_extended', {
      id: String(id), days: String(body.workingDays), dueOn: due.dueOn ?? '', reason: body.reason,
    });
  });
}

/** 办结: the owner (or handler) records the result; on time when resolved on or before the due day. */
export function closeRequest(ctx: ServiceContext, id: number, result: string, now = new Date()) {
  return change(ctx, id, now, async (tx, row, today) => {
    assertWorker(ctx, row);
    if (row.status !== 'in_progress') throw wrongStatus();
    const taken = workingDaysBetween(await loadCalendar(tx, row.receivedOn), row.receivedOn, today, await pausesOf(tx, id));
    const onTime = row.dueOn !== null && today <= row.dueOn;
    await tx.execute(sql`
      update service_requests set status = 'resolved', result = ${result}, resolved_on = ${today}::date, on_time = ${onTime}, working_days_taken = ${taken}
       where id = ${id}`);
    await addEvent(tx, id, 'resolved', ctx.actor.userId, result);
    await audit(tx, ctx, row, { status: 'resolved', onTime });
    // the rating link works without an account, once, while the request waits for its rating (requests.public.ts)
    await enqueueSms(tx, ctx.cipher, ctx.cipher.decrypt(row.requesterPhoneEnc), 'request_resolved', {
      id: String(id), result: result.slice(0, 60), link: `/m/rate/${signRequestToken(ctx.keys, 'rate', id)}`,
    });
  });
}

/** The requester's rating (1–5 and a comment) of a resolved request; it closes the request. */
export async function rateRequest(ctx: ServiceContext, id: number, body: { score: number; comment: string }, now = new Date()): Promise<ServiceRequest> {
  await ctx.db.transaction(async (tx) => {
    const row = await findOwnRequest(tx, ctx.actor.userId, id, true);
    if (!row) throw notFound();
    if (row.status !== 'resolved') throw wrongStatus();
    await tx.execute(sql`
      update service_requests set status = 'closed', rating = ${body.score}, rating_comment = ${body.comment}, closed_at = ${now.toISOString()}::timestamptz
       where id = ${id}`);
    await addEvent(tx, id, 'rated', ctx.actor.userId, String(body.score));
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'update', objectType: 'service_request', objectId: id, orgPath: row.orgPath, detail: { rating: body.score } });
  });
  return memberRequestDetail(ctx, id, now);
}

/**
 * Figures of a unit's subtree for the cockpit. Counts come from `org_figures` (+ pending deltas), kept by the
 * statement triggers on service_requests (migration services_rules) like the coverage figures; the median
 * working days and "overdue now" (which changes with the day alone) are computed at read on `today`.
 */
export async function requestFigures(ctx: ServiceContext, orgId: number, now = new Date()): Promise<RequestFigures> {
  const org = await findOrg(ctx.db, ctx.scope, orgId);
  if (!org) throw notFound();
  const today = shanghaiDate(now);
  // the unit (its own row first) and its children, each with the figures of its subtree: the kept counters from
  // org_figures, the median, overdue-now (it changes with time alone, so counted at read with today's Shanghai
  // date) and the positions — one statement, each subquery an index scan of one subtree
  const rows = await queryRows<{
    id: number; name: string; received: string | null; resolved: string | null; onTime: string | null; rated: string | null; ratingSum: string | null;
    median: number | null; overdueNow: number; positions: number; accepted: number;
  }>(ctx.db, sql`
    with u as (select id, name, path, 0 as place from orgs where id = ${org.id}
               union all
               (select id, name, path, 1 from orgs where parent_id = ${org.id} and status <> 'dissolved' order by id limit 200))
    select u.id, u.name, f.received, f.resolved, f."onTime", f.rated, f."ratingSum",
           (select percentile_cont(0.5) within group (order by r.working_days_taken) from service_requests r
             where r.org_path <@ u.path and r.working_days_taken is not null) as median,
           (select count(*)::int from service_requests r
             where r.org_path <@ u.path and r.status in ('received', 'in_progress') and r.due_on < ${today}::date) as "overdueNow",
           (select count(*)::int from service_stations s where s.org_path <@ u.path) as positions,
           (select count(*)::int from service_stations s where s.org_path <@ u.path and s.acceptance = 'accepted') as accepted
      from u left join lateral ${figureColumns(sql`u.id`, { received: 'requests', resolved: 'requests:resolved', onTime: 'requests:on_time', rated: 'requests:rated', ratingSum: 'requests:rating_sum' })} f on true
     order by u.place, u.id`);
  const n = (v: string | null | undefined) => Number(v ?? 0);
  const figuresOf = (row: (typeof rows)[number]) => {
    const resolved = n(row.resolved);
    const rated = n(row.rated);
    return {
      received: n(row.received), resolved, onTimeRate: resolved > 0 ? n(row.onTime) / resolved : null,
      medianWorkingDays: row.median === null ? null : Number(row.median),
      satisfaction: rated > 0 ? Math.round((n(row.ratingSum) / rated) * 100) / 100 : null,
      overdueNow: row.overdueNow,
    };
  };
  const [own, ...children] = rows;
  const byLevel = Object.fromEntries(stationLevels.map((l) => [l, 0])) as Record<StationLevel, number>;
  const byAcceptance = Object.fromEntries(acceptanceStates.map((a) => [a, 0])) as Record<AcceptanceState, number>;
  const positions = await queryRows<{ level: StationLevel; acceptance: AcceptanceState; n: number }>(ctx.db, sql`
    select level, acceptance, count(*)::int as n from service_stations where org_path <@ ${org.path}::ltree group by 1, 2`);
  for (const p of positions) {
    byLevel[p.level] += p.n;
    byAcceptance[p.acceptance] += p.n;
  }
  return {
    orgId, ...figuresOf(own!),
    positions: { total: own!.positions, byLevel, byAcceptance },
    children: children.map((c) => ({ org: { id: c.id, name: c.name }, ...figuresOf(c), positions: c.positions, acceptedPositions: c.accepted })),
  };
}

/**
 * 首问负责 moves only explicitly: an owner who leaves hands every open request they own (received by them, in
 * progress, paused or awaiting the rating) to a colleague — an active staff account that may write, working inside
 * the leaver's scope. Returns how many moved; each request records the handover.
 */
export async function handOver(ctx: ServiceContext, toUserId: number): Promise<{ moved: number }> {
  const scope = writeScope(ctx.scope);
  if (toUserId === ctx.actor.userId) throw fieldError('toUserId', 'request.handoverTarget');
  const [target] = await queryRows<{ id: number; role: Role; path: string }>(ctx.db, sql`
    select u.id, u.role, o.path::text as path from users u join orgs o on o.id = u.org_id
     where u.id = ${toUserId} and not u.disabled and o.path <@ ${scope.path}::ltree`);
  // someone outside the scope is not found, as anywhere else; a read-only colleague cannot take requests over
  if (!target) throw fieldError('toUserId', 'error.not_found', 404, 'not_found');
  if (!can(target.role, 'records.write')) throw fieldError('toUserId', 'request.handoverTarget');
  const moved = await ctx.db.transaction(async (tx) => {
    const rows = await queryRows<{ id: number; orgPath: string }>(tx, sql`
      update service_requests set owner_user_id = ${toUserId}
       where owner_user_id = ${ctx.actor.userId} and status in ('in_progress', 'paused', 'resolved') returning id, org_path::text as "orgPath"`);
    for (const r of rows) {
      await addEvent(tx, r.id, 'handed_over', ctx.actor.userId, String(toUserId));
      await recordAudit(tx, ctx.actor, ctx.ip, { action: 'update', objectType: 'service_request', objectId: r.id, orgPath: r.orgPath, detail: { owner: toUserId } });
    }
    return rows.length;
  });
  return { moved };
}

export { OPEN_STATUSES };
