import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@lianxin/db';
import { shanghaiDate, type linkRatingBodySchema, type PublicRequest, type PublicRequestCreated, type publicRequestCreateSchema } from '@lianxin/contracts';
import type { z } from 'zod';
import { AppError, fieldError, notFound } from '../../errors.ts';
import type { AppKeys } from '../../security/keys.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { phoneCodeInvalid, verifyCode } from '../phone-verification/phone-verification.service.ts';
import { addEvent, eventsOf, findRequestById, toListItem, type RequestRow } from './requests.repo.ts';
import { category, insertRequest, RESUBMIT_WINDOW_MS } from './requests.service.ts';
import { checkRequestToken, signRequestToken } from './requests.token.ts';
import { findStation } from './stations.repo.ts';

/**
 * 机制二 on the H5 without an account (issue 11): a requester proves the phone with a one-time code (purpose
 * `service_request`, the phone-verification feature's limits), the request lands in the receiving union's queue
 * (channel h5, nobody owns it until the first staff member accepts), and the answer carries a follow link token.
 * When it is resolved the requester gets an SMS with a rating link (requests.token.ts).
 */
export interface PublicDeps { db: Database; keys: AppKeys; ip: string }

/**
 * Submits a request. The code must hold for the phone (400 on `phoneCode`). The union is the accepted position's
 * (`stationId`; a position not accepted reads as unknown, as for members), or the active union named (`orgId`, a
 * street union or below), or the street union of the street or town picked (`regionCode`, the H5's district → street
 * picker; a street without an active union is 400 on `regionCode`); with none, or another union, 400 on `orgId`. The same
 * body sent again (a double tap, a retry within {@link RESUBMIT_WINDOW_MS}
 * while the first still waits in the queue) answers the first request and its link (`created: false`); an advisory
 * lock on the phone makes two sent at once meet one after the other. The code is checked first, also for a resend,
 * so nobody without it learns of an earlier request.
 */
export async function createPublicRequest(
  deps: PublicDeps, input: z.output<typeof publicRequestCreateSchema>, now = new Date(),
): Promise<PublicRequestCreated & { created: boolean }> {
  if (!(await verifyCode(deps.db, deps.keys, input.phone, 'service_request', input.phoneCode, { singleUse: false }))) throw phoneCodeInvalid();
  const cat = await category(deps.db, input.categoryCode);
  let orgId = input.orgId;
  let stationId: number | null = null;
  if (input.stationId !== undefined) {
    const station = await findStation(deps.db, null, input.stationId);
    if (!station || station.acceptance !== 'accepted') throw fieldError('stationId', 'request.stationUnknown');
    orgId = station.orgId;
    stationId = station.id;
  }
  if (orgId === undefined && stationId === null && input.regionCode !== undefined) {
    // one territorial union per division (a partial unique index): the street's own 街镇总工会
    const [street] = await queryRows<{ id: number }>(deps.db, sql`
      select id from orgs where kind = 'street_federation' and region_code = ${input.regionCode} and status = 'active'`);
    if (!street) throw fieldError('regionCode', 'region.unknown');
    orgId = street.id;
  }
  if (orgId === undefined) throw fieldError('orgId', 'request.orgRequired');
  const [org] = await queryRows<{ id: number; path: string; name: string }>(deps.db, sql`
    select id, path::text as path, name from orgs
     where id = ${orgId} and status = 'active'
       and (${stationId}::int is not null or kind not in ('city_federation', 'district_federation', 'industry_union'))`);
  // a union named by the requester (no position) is a street union or one below it, existing and active: a city or
  // district federation (or an industry union) has no queue for a rider's request; 400 on orgId, not 404, so the
  // form tells the requester to pick again
  if (!org) throw stationId === null ? fieldError('orgId', 'request.orgNotStreet') : fieldError('orgId', 'error.not_found', 404, 'not_found');
  const phoneHash = deps.keys.blindIndex(input.phone);
  const { id, created } = await deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('service_requests.public'), hashtext(${phoneHash}))`);
    const [same] = await queryRows<{ id: number }>(tx, sql`
      select id from service_requests
       where requester_phone_hash = ${phoneHash} and requester_user_id is null and channel = 'h5' and status = 'received' and org_id = ${org.id}
         and category_code = ${cat.code} and station_id is not distinct from ${stationId}::int and description = ${input.description}
         and requester_name = ${input.requesterName} and received_at > ${new Date(now.getTime() - RESUBMIT_WINDOW_MS).toISOString()}::timestamptz
       order by id limit 1`);
    if (same) return { id: same.id, created: false };
    const newId = await insertRequest(tx, { cipher: deps.keys.cipher, keys: deps.keys, ip: deps.ip, actor: null }, {
      categoryCode: cat.code, limitDays: cat.workingDays, orgId: org.id, orgPath: org.path, orgName: org.name, channel: 'h5', status: 'received',
      description: input.description, requesterName: input.requesterName, requesterPhone: input.phone, requesterUserId: null,
      stationId, receivedAt: now, ownerUserId: null, followLink: true,
    });
    return { id: newId, created: true };
  });
  const row = await findRequestById(deps.db, id);
  if (!row) throw notFound();
  return { request: await publicView(deps, row, false, now), followToken: signRequestToken(deps.keys, 'follow', id), created };
}

async function publicView(deps: PublicDeps, row: RequestRow, canRate: boolean, now: Date): Promise<PublicRequest> {
  const item = toListItem(row, deps.keys.cipher, shanghaiDate(now));
  return {
    id: item.id, categoryName: item.categoryName, categoryNameEn: item.categoryNameEn, orgName: item.orgName, status: item.status, description: item.description,
    receivedOn: item.receivedOn, dueOn: item.dueOn, provisional: item.provisional, overdue: item.overdue, result: item.result,
    resolvedOn: item.resolvedOn, rating: item.rating, ratingComment: item.ratingComment, canRate,
    events: (await eventsOf(deps.db, row.id)).map((e) => ({ at: new Date(e.at).toISOString(), action: e.action })),
  };
}

/**
 * What a link shows: a follow link the request at any time; a rating link only while the request waits for its
 * rating (then `canRate`), else 410 — used, or closed as 未评价. A forged or altered token is 404.
 */
export async function requestByToken(deps: PublicDeps, token: string, now = new Date()): Promise<PublicRequest> {
  const check = checkRequestToken(deps.keys, token);
  if (!check) throw notFound();
  const row = await findRequestById(deps.db, check.requestId);
  if (!row) throw notFound();
  if (check.kind === 'rate' && row.status !== 'resolved') throw linkUsed();
  return publicView(deps, row, check.kind === 'rate', now);
}

const linkUsed = () => new AppError('conflict', 410, 'request.linkUsed');

/**
 * The rating by the SMS link: 1–5 and a comment; only a rating token, only for its request, only while it waits for
 * its rating (the row lock makes one of two taps win; the other, like any later use, is 410). Closes the request,
 * with an event and an audit entry (no actor: the requester has no account) in the same transaction.
 */
export async function rateByLink(deps: PublicDeps, body: z.output<typeof linkRatingBodySchema>, now = new Date()): Promise<PublicRequest> {
  const check = checkRequestToken(deps.keys, body.token);
  if (!check || check.kind !== 'rate') throw notFound();
  await deps.db.transaction(async (tx) => {
    const row = await findRequestById(tx, check.requestId, true);
    if (!row) throw notFound();
    if (row.status !== 'resolved') throw linkUsed();
    await tx.execute(sql`
      update service_requests set status = 'closed', rating = ${body.score}, rating_comment = ${body.comment}, closed_at = ${now.toISOString()}::timestamptz
       where id = ${row.id}`);
    await addEvent(tx, row.id, 'rated', null, `${body.score} (sms)`);
    await recordAudit(tx, null, deps.ip, { action: 'update', objectType: 'service_request', objectId: row.id, orgPath: row.orgPath, detail: { rating: body.score, by: 'sms_link' } });
  });
  const row = await findRequestById(deps.db, check.requestId);
  if (!row) throw notFound();
  return publicView(deps, row, false, now);
}
