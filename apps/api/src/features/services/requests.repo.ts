import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '@lianxin/db';
import { maskPhone, type RequestChannel, type RequestStatus, type ServiceRequest, type ServiceRequestListItem, type TransferState, type ClockPause } from '@lianxin/contracts';
import { withinScope, type Scope } from '../../access/access.ts';
import type { PiiCipher } from '../../security/pii-cipher.ts';

/** A request row with the names the answer shows; the phone still encrypted. */
export interface RequestRow {
  id: number; categoryCode: string; categoryName: string; categoryNameEn: string; limitDays: number; orgId: number; orgName: string; orgPath: string; channel: RequestChannel;
  status: RequestStatus; description: string; requesterName: string; requesterPhoneEnc: string; requesterUserId: number | null; stationId: number | null; enterpriseId: number | null; enterpriseName: string | null;
  receivedAt: string; receivedOn: string; dueOn: string | null; provisional: boolean; ownerUserId: number | null; ownerName: string | null;
  transferOrgId: number | null; transferOrgName: string | null; transferOrgPath: string | null; transferReason: string | null;
  transferState: TransferState | null; handlerUserId: number | null; extensionDays: number | null; extensionReason: string | null;
  escalatedOrgId: number | null; escalatedOrgName: string | null; escalatedOrgPath: string | null; result: string | null; resolvedOn: string | null;
  onTime: boolean | null; rating: number | null; ratingComment: string | null;
}

/** A request is visible to a scope holding the receiving union, the union it is handed on to, or the one it is escalated to. */
export function requestVisible(scope: Scope): SQL {
  return sql`(${withinScope(scope, sql`r.org_path`)} or ${withinScope(scope, sql`r.transfer_org_path`)} or ${withinScope(scope, sql`r.escalated_org_path`)})`;
}

const requestColumns = sql`
  r.id, r.category_code as "categoryCode", c.name_zh as "categoryName", c.name_en as "categoryNameEn", r.limit_days as "limitDays", r.org_id as "orgId", o.name as "orgName",
  r.org_path::text as "orgPath", r.channel, r.status, r.description, r.requester_name as "requesterName", r.requester_phone_enc as "requesterPhoneEnc",
  r.requester_user_id as "requesterUserId", r.station_id as "stationId", r.enterprise_id as "enterpriseId", en.name as "enterpriseName", r.received_at::text as "receivedAt", r.received_on::text as "receivedOn",
  r.due_on::text as "dueOn", r.provisional, r.owner_user_id as "ownerUserId", u.display_name as "ownerName", r.transfer_org_id as "transferOrgId",
  t.name as "transferOrgName", r.transfer_org_path::text as "transferOrgPath", r.transfer_reason as "transferReason", r.transfer_state as "transferState",
  r.handler_user_id as "handlerUserId", r.extension_days as "extensionDays", r.extension_reason as "extensionReason", r.escalated_org_id as "escalatedOrgId",
  e.name as "escalatedOrgName", r.escalated_org_path::text as "escalatedOrgPath", r.result, r.resolved_on::text as "resolvedOn", r.on_time as "onTime",
  r.rating, r.rating_comment as "ratingComment"`;

const requestFrom = sql`
  service_requests r join service_categories c on c.code = r.category_code join orgs o on o.id = r.org_id
  left join users u on u.id = r.owner_user_id left join orgs t on t.id = r.transfer_org_id left join orgs e on e.id = r.escalated_org_id
  left join enterprises en on en.id = r.enterprise_id`;

/** One request the scope sees (`forUpdate`: lock it for the caller's transaction), or undefined. */
export async function findRequest(db: Database | Tx, scope: Scope, id: number, forUpdate = false): Promise<RequestRow | undefined> {
  const [row] = await queryRows<RequestRow>(db, sql`
    select ${requestColumns} from ${requestFrom} where r.id = ${id} and ${requestVisible(scope)} ${forUpdate ? sql`for update of r` : sql``}`);
  return row;
}

/** One request by id, whatever the scope: only for a caller holding a genuine link token for it (requests.public.ts). */
export async function findRequestById(db: Database | Tx, id: number, forUpdate = false): Promise<RequestRow | undefined> {
  const [row] = await queryRows<RequestRow>(db, sql`
    select ${requestColumns} from ${requestFrom} where r.id = ${id} ${forUpdate ? sql`for update of r` : sql``}`);
  return row;
}

/** A member's own request (they submitted it on the H5). */
export async function findOwnRequest(db: Database | Tx, userId: number, id: number, forUpdate = false): Promise<RequestRow | undefined> {
  const [row] = await queryRows<RequestRow>(db, sql`
    select ${requestColumns} from ${requestFrom} where r.id = ${id} and r.requester_user_id = ${userId} ${forUpdate ? sql`for update of r` : sql``}`);
  return row;
}

/**
 * Requests matching `where`, the work still to do first (received, in progress, paused), each group by due day
 * (so the overdue lead), then id: in "全部" a closed request from October does not push today's work down.
 */
export async function listRequests(db: Database, where: SQL, limit: number): Promise<RequestRow[]> {
  return queryRows<RequestRow>(db, sql`
    select ${requestColumns} from ${requestFrom} where ${where}
     order by r.status in ('received', 'in_progress', 'paused') desc, r.due_on nulls last, r.id limit ${limit}`);
}

export async function pausesOf(db: Database | Tx, id: number): Promise<ClockPause[]> {
  return queryRows<ClockPause>(db, sql`select from_on::text as "from", to_on::text as "to" from service_request_pauses where request_id = ${id} order by from_on`);
}

export async function eventsOf(db: Database | Tx, id: number) {
  return queryRows<{ at: string; action: string; actorName: string | null; note: string }>(db, sql`
    select ev.at::text as at, ev.action, u.display_name as "actorName", ev.note from service_request_events ev left join users u on u.id = ev.actor_user_id
     where ev.request_id = ${id} order by ev.id`);
}

export async function addEvent(tx: Database | Tx, requestId: number, action: string, actorUserId: number | null, note = ''): Promise<void> {
  await tx.execute(sql`insert into service_request_events (request_id, action, actor_user_id, note) values (${requestId}, ${action}, ${actorUserId}, ${note})`);
}

export const OPEN_STATUSES = ['received', 'in_progress'] as const;

/**
 * "Mine": the requests a user owns or handles — by default the unfinished ones (received, in progress, paused) —
 * as an id set for `r.id in (…)`. Two index-ordered scans (owner, handler: partial indexes on due day and id) each
 * stop after `limit` rows, so a list of the first `limit` in due order never sorts all of a busy owner's requests.
 */
export function mineIds(userId: number, limit: number, status?: RequestStatus, extra: SQL = sql`true`): SQL {
  const which = status ? sql`status = ${status}` : sql`status in ('received', 'in_progress', 'paused')`;
  return sql`
    (select id from service_requests where owner_user_id = ${userId} and ${which} and ${extra} order by due_on nulls last, id limit ${limit})
    union
    (select id from service_requests where handler_user_id = ${userId} and ${which} and ${extra} order by due_on nulls last, id limit ${limit})`;
}

/** The answer's shape of a row: phone masked, overdue on `today` (Asia/Shanghai). */
export function toListItem(r: RequestRow, cipher: PiiCipher, today: string): ServiceRequestListItem {
  return {
    id: r.id, categoryCode: r.categoryCode, categoryName: r.categoryName, categoryNameEn: r.categoryNameEn, orgId: r.orgId, orgName: r.orgName, channel: r.channel, status: r.status,
    description: r.description, requesterName: r.requesterName, requesterPhone: maskPhone(cipher.decrypt(r.requesterPhoneEnc)), stationId: r.stationId,
    enterprise: r.enterpriseId !== null ? { id: r.enterpriseId, name: r.enterpriseName ?? '' } : null,
    receivedAt: new Date(r.receivedAt).toISOString(), receivedOn: r.receivedOn, dueOn: r.dueOn, provisional: r.provisional,
    overdue: (OPEN_STATUSES as readonly string[]).includes(r.status) && r.dueOn !== null && r.dueOn < today,
    ownerUserId: r.ownerUserId, ownerName: r.ownerName,
    transfer: r.transferOrgId !== null && r.transferState !== null
      ? { toOrgId: r.transferOrgId, toOrgName: r.transferOrgName ?? '', reason: r.transferReason ?? '', state: r.transferState, handlerUserId: r.handlerUserId }
      : null,
    extension: r.extensionDays !== null ? { workingDays: r.extensionDays, reason: r.extensionReason ?? '' } : null,
    escalatedToOrgId: r.escalatedOrgId, escalatedToOrgName: r.escalatedOrgName, result: r.result, resolvedOn: r.resolvedOn, onTime: r.onTime,
    rating: r.rating, ratingComment: r.ratingComment,
  };
}

export async function toRequest(db: Database | Tx, r: RequestRow, cipher: PiiCipher, today: string): Promise<ServiceRequest> {
  // the rights case opened from it (机制三 stores `rights_cases.request_id`; one case per request)
  const [linked] = await queryRows<{ id: number }>(db, sql`select id from rights_cases where request_id = ${r.id} order by id limit 1`);
  return { ...toListItem(r, cipher, today), events: await eventsOf(db, r.id), rightsCaseId: linked?.id ?? null };
}
