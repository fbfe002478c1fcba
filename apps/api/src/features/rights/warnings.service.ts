/**
 * The early-warning register (预警): signals per enterprise entered by staff or raised automatically (≥ N cases of
 * one enterprise in 30 days, service requests included; city setting `rights.autoWarningCases`, default 3), levels 一般/较大/重大, the
 * 《工会劳动法律监督整改意见函》 with its deadline, 紧急约见 records (major warnings or group disputes) and closing.
 */
import { sql } from 'drizzle-orm';
import { queryRows, rightsMeetings, rightsWarnings, type Database, type Tx } from '@lianxin/db';
import {
  addDays, AUTO_WARNING_WINDOW_DAYS, DEFAULT_AUTO_WARNING_CASES, shanghaiDate, type meetingCreateSchema, type Paged, type WarningItem,
  type WarningLevel, type warningCreateSchema, type warningListQuerySchema, type WarningSignal, type WarningSource,
} from '@lianxin/contracts';
import type { z } from 'zod';
import { withinScope, writeScope, type Scope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { pagedList } from '../../lib/paged-list.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { renderWarningLetter, type WarningLetterInput } from './documents.pdf.ts';
import { issuerOf, numericSetting, scopedEnterprise, scopedOrgPath, type ScopedEnterprise } from './rights.shared.ts';

/** Default rectification period of an automatic warning, days. */
const AUTO_DEADLINE_DAYS = 15;

/**
 * Signals of one enterprise in the 30-day window from `since`, for the automatic warning ("≥ N requests or cases
 * from one enterprise in 30 days", issue 12): its dispute cases by day received plus the service requests (机制二)
 * staff recorded against it, by their Asia/Shanghai day of receipt. A request that became a case counts once (as
 * the case). Both counts use an index on (enterprise_id, received_on).
 */
export async function recentSignals(tx: Tx, enterpriseId: number, since: string): Promise<number> {
  const until = addDays(since, AUTO_WARNING_WINDOW_DAYS - 1);
  const [row] = await queryRows<{ n: number }>(tx, sql`
    select (select count(*) from rights_cases where enterprise_id = ${enterpriseId} and received_on >= ${since} and received_on <= ${until})::int
         + (select count(*) from service_requests r where r.enterprise_id = ${enterpriseId} and r.received_on >= ${since} and r.received_on <= ${until}
               and not exists (select 1 from rights_cases c where c.request_id = r.id))::int as n`);
  return row?.n ?? 0;
}

/** e.g. "顾村工监函〔2026〕3号": the issuer's short name, the year and its running number that year. */
function documentNumber(issuerName: string, year: string, seq: number) {
  const short = issuerName.replace(/^.{2,3}?[区县]/, '').replace(/(总工会|工会)$/, '').replace(/[镇街道]+$/, '').slice(0, 4) || issuerName.slice(0, 2);
  return `${short}工监函〔${year}〕${seq}号`;
}

interface NewWarning {
  signal: WarningSignal;
  level: WarningLevel;
  source: WarningSource;
  description: string;
  deadlineDays: number;
}

/** Who raises a warning, for its creator and audit row: the staff member recording the case, or the demo's. */
type Raiser = Pick<ServiceContext, 'actor' | 'ip'>;

/** Inserts a warning with its letter's fixed content; `onConflict` skips a second open automatic one. */
async function insertWarning(tx: Tx, ctx: Raiser, enterprise: ScopedEnterprise, w: NewWarning, raisedOn: string): Promise<number | null> {
  const issuer = await issuerOf(tx, enterprise.orgPath);
  // one running number per issuer and year, drawn under a lock so two letters never share it
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('rights_warning_letters'), ${issuer.id})`);
  const [count] = await queryRows<{ n: number }>(tx, sql`
    select count(*)::int as n from rights_warnings where letter->>'issuerId' = ${String(issuer.id)} and raised_on >= ${`${raisedOn.slice(0, 4)}-01-01`}::date
       and raised_on <= ${`${raisedOn.slice(0, 4)}-12-31`}::date`);
  const deadline = addDays(raisedOn, w.deadlineDays);
  const letter = { issuerId: String(issuer.id), issuerName: issuer.name, documentNumber: documentNumber(issuer.name, raisedOn.slice(0, 4), (count?.n ?? 0) + 1) };
  const rows = await tx.insert(rightsWarnings).values({
    enterpriseId: enterprise.id, orgPath: enterprise.orgPath, signal: w.signal, level: w.level, source: w.source, description: w.description,
    raisedOn, deadline, letter, createdBy: ctx.actor.userId,
  }).onConflictDoNothing().returning({ id: rightsWarnings.id });
  const id = rows[0]?.id ?? null;
  if (id !== null) {
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'create', objectType: 'rights_warning', objectId: id, orgPath: enterprise.orgPath,
      detail: { enterpriseId: enterprise.id, signal: w.signal, level: w.level, source: w.source },
    });
  }
  return id;
}

/**
 * Raises the automatic warning when the enterprise's signals of the last 30 days (today included) reach the
 * city's threshold and none is open: 较大 when one of those cases is a group dispute, else 一般. Called inside
 * the case's transaction (the enterprise row is locked, and a partial unique index keeps one open per enterprise);
 * the demo runs it on the day each of its case clusters reached the threshold (`today`, YYYY-MM-DD).
 */
export async function raiseAutomaticWarning(tx: Tx, ctx: Raiser, enterprise: ScopedEnterprise, today: string): Promise<number | null> {
  const threshold = await numericSetting(tx, 'rights.autoWarningCases', DEFAULT_AUTO_WARNING_CASES);
  const since = addDays(today, -(AUTO_WARNING_WINDOW_DAYS - 1));
  const signals = await recentSignals(tx, enterprise.id, since);
  if (signals < threshold) return null;
  const [group] = await queryRows<{ g: boolean }>(tx, sql`
    select bool_or(is_group) as g from rights_cases where enterprise_id = ${enterprise.id} and received_on >= ${since} and received_on <= ${today}`);
  return insertWarning(tx, ctx, enterprise, {
    signal: 'case_cluster', level: group?.g ? 'serious' : 'general', source: 'auto',
    description: `近${AUTO_WARNING_WINDOW_DAYS}日内该企业职工诉求和劳动争议案件共${signals}件。`, deadlineDays: AUTO_DEADLINE_DAYS,
  }, today);
}

interface WarningRow {
  id: number;
  enterprise_id: number;
  enterprise_name: string;
  org_path: string;
  signal: WarningSignal;
  level: WarningLevel;
  source: WarningSource;
  status: 'open' | 'closed';
  description: string;
  raised_on: string;
  deadline: string;
  closed_on: string | null;
  resolution: string;
  letter: { issuerName: string; documentNumber: string };
}

const warningColumns = sql`
  w.id, w.enterprise_id, e.name as enterprise_name, w.org_path::text as org_path, w.signal, w.level, w.source, w.status, w.description,
  w.raised_on::text as raised_on, w.deadline::text as deadline, w.closed_on::text as closed_on, w.resolution, w.letter`;

async function findWarning(db: Database | Tx, scope: Scope, id: number, lock = false): Promise<WarningRow | undefined> {
  const [row] = await queryRows<WarningRow>(db, sql`
    select ${warningColumns} from rights_warnings w join enterprises e on e.id = w.enterprise_id
     where w.id = ${id} and ${withinScope(scope, sql`w.org_path`)} ${lock ? sql`for update of w` : sql``}`);
  return row;
}

async function toItems(db: Database, rows: WarningRow[]): Promise<WarningItem[]> {
  const ids = rows.map((r) => r.id);
  const meetings = ids.length === 0 ? [] : await queryRows<{ id: number; warning_id: number; held_on: string; participants: string; minutes: string; commitments: string; follow_up_on: string | null }>(db, sql`
    select id, warning_id, held_on::text as held_on, participants, minutes, commitments, follow_up_on::text as follow_up_on
      from rights_meetings where warning_id = any(${sql.param(ids)}::int[]) order by held_on, id`);
  return rows.map((r) => ({
    id: r.id,
    enterprise: { id: r.enterprise_id, name: r.enterprise_name },
    signal: r.signal,
    level: r.level,
    source: r.source,
    status: r.status,
    description: r.description,
    raisedOn: r.raised_on,
    deadline: r.deadline,
    closedOn: r.closed_on,
    resolution: r.resolution,
    meetings: meetings.filter((m) => m.warning_id === r.id).map((m) => ({
      id: m.id, heldOn: m.held_on, participants: m.participants, minutes: m.minutes, commitments: m.commitments, followUpOn: m.follow_up_on,
    })),
  }));
}

export async function getWarning(ctx: ServiceContext, id: number): Promise<WarningItem> {
  const row = await findWarning(ctx.db, ctx.scope, id);
  if (!row) throw notFound();
  const [item] = await toItems(ctx.db, [row]);
  return item!;
}

/** Open warnings first, the most severe first, then the newest. */
export async function listWarnings(ctx: ServiceContext, query: z.output<typeof warningListQuerySchema>): Promise<Paged<WarningItem>> {
  const under = await scopedOrgPath(ctx.db, ctx.scope, query.orgId);
  const where = sql`w.org_path <@ ${under}::ltree and ${withinScope(ctx.scope, sql`w.org_path`)}
    ${query.level ? sql`and w.level = ${query.level}` : sql``}
    ${query.status ? sql`and w.status = ${query.status}` : sql``}
    ${query.enterpriseId ? sql`and w.enterprise_id = ${query.enterpriseId}` : sql``}`;
  const page = await pagedList<WarningRow, never>(ctx.db, {
    query,
    order: {
      default: sql`w.status = 'closed', case w.level when 'major' then 0 when 'serious' then 1 else 2 end, w.raised_on desc, w.id desc`,
      keys: {}, tiebreaker: sql`w.id`,
    },
    rows: (orderBy, limit, offset) => queryRows<WarningRow>(ctx.db, sql`
      select ${warningColumns} from rights_warnings w join enterprises e on e.id = w.enterprise_id
       where ${where} order by ${orderBy} limit ${limit} offset ${offset}`),
    count: { from: sql`rights_warnings w`, where },
  });
  return { ...page, items: await toItems(ctx.db, page.items) };
}

/**
 * A staff member's warning with its 整改意见函. The same warning sent again on the same day (a double tap, a retry:
 * same enterprise, signal, level and description, still open) answers the first (`created: false`, HTTP 200), so
 * no second letter with a second document number is issued; the enterprise's row lock orders two tries sent at once.
 */
export async function createWarning(ctx: ServiceContext, input: z.output<typeof warningCreateSchema>): Promise<{ item: WarningItem; created: boolean }> {
  const scope = writeScope(ctx.scope);
  const today = shanghaiDate();
  const { id, created } = await ctx.db.transaction(async (tx) => {
    const enterprise = await scopedEnterprise(tx, scope, input.enterpriseId, true);
    const [same] = await queryRows<{ id: number }>(tx, sql`
      select id from rights_warnings
       where enterprise_id = ${enterprise.id} and source = 'staff' and status = 'open' and raised_on = ${today}::date
         and signal = ${input.signal} and level = ${input.level} and description = ${input.description}
       order by id limit 1`);
    if (same) return { id: same.id, created: false };
    return { id: await insertWarning(tx, ctx, enterprise, { ...input, source: 'staff' }, today), created: true };
  });
  if (id === null) throw new Error('a staff warning cannot conflict');
  return { item: await getWarning(ctx, id), created };
}

/**
 * Records a 紧急约见. Only for a major warning or an enterprise with an open group dispute (DOMAIN.md §4), held on
 * or after the day the warning was raised, a follow-up on or after the meeting.
 * @throws 409 `rights.meetingNotNeeded`, `rights.warningClosed`; 400 `rights.beforeRaised` on heldOn, `date.invalid` on followUpOn
 */
export async function addMeeting(ctx: ServiceContext, warningId: number, input: z.output<typeof meetingCreateSchema>): Promise<WarningItem> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const w = await findWarning(tx, scope, warningId, true);
    if (!w) throw notFound();
    if (w.status !== 'open') throw new AppError('conflict', 409, 'rights.warningClosed');
    if (input.followUpOn && input.followUpOn < input.heldOn) throw fieldError('followUpOn', 'date.invalid');
    // a 紧急约见 answers the warning: it cannot be held before the warning was raised
    if (input.heldOn < w.raised_on) throw fieldError('heldOn', 'rights.beforeRaised');
    if (w.level !== 'major') {
      const [group] = await queryRows<{ n: number }>(tx, sql`
        select count(*)::int as n from rights_cases where enterprise_id = ${w.enterprise_id} and is_group and status <> 'closed'`);
      if (!group?.n) throw new AppError('conflict', 409, 'rights.meetingNotNeeded');
    }
    const [row] = await tx.insert(rightsMeetings).values({ warningId, ...input, followUpOn: input.followUpOn ?? null, createdBy: ctx.actor.userId })
      .returning({ id: rightsMeetings.id });
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'create', objectType: 'rights_meeting', objectId: row!.id, orgPath: w.org_path, detail: { warningId } });
  });
  return getWarning(ctx, warningId);
}

export async function closeWarning(ctx: ServiceContext, warningId: number, resolution: string): Promise<WarningItem> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const w = await findWarning(tx, scope, warningId, true);
    if (!w) throw notFound();
    if (w.status !== 'open') throw new AppError('conflict', 409, 'rights.warningClosed');
    await tx.execute(sql`update rights_warnings set status = 'closed', closed_on = ${shanghaiDate()}, resolution = ${resolution} where id = ${warningId}`);
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'update', objectType: 'rights_warning', objectId: warningId, orgPath: w.org_path, detail: { status: 'closed' } });
  });
  return getWarning(ctx, warningId);
}

export async function warningLetterPdf(ctx: ServiceContext, id: number): Promise<{ file: Buffer; filename: string }> {
  const w = await findWarning(ctx.db, ctx.scope, id);
  if (!w) throw notFound();
  const [e] = await queryRows<{ credit_code: string; address: string }>(ctx.db, sql`select credit_code, address from enterprises where id = ${w.enterprise_id}`);
  const input: WarningLetterInput = {
    documentNumber: w.letter.documentNumber, raisedOn: w.raised_on, deadline: w.deadline, issuer: { name: w.letter.issuerName },
    enterprise: { name: w.enterprise_name, creditCode: e?.credit_code ?? '', address: e?.address ?? '' },
    signal: w.signal, level: w.level, description: w.description,
  };
  return { file: await renderWarningLetter(input), filename: `整改意见函-${w.letter.documentNumber}.pdf` };
}
