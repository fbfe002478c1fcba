/**
 * Demo budgets, spending and subsidy payments (DOMAIN.md §5, §2), written through the services (so through the
 * ledger and its checks), before the funds demo closes the older months:
 * - 顾村 (street federation, a first-level budget unit): 基本支出 and 项目支出 for this year, the member-benefit
 *   projects budgeted at 505,300 yuan (顾村 2017's spending on them), spent month by month;
 * - 南京东路 (its custody centre for 230 unions): 基本支出 and 项目支出 including the incentive grants (1,349,000
 *   yuan to 52 unions);
 * - the demo member's union: a small activity budget, so 经费公开 on the H5 shows a budget being spent;
 * - the 两非一无 subsidies' history (seedDemoSubsidyHistory): every paying federation has paid what fell due up to a
 *   month of its own, 顾村 up to last month (its last run through runSubsidies); what joined since stays pending.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@lianxin/db';
import type { FastifyInstance } from 'fastify';
import { previousMonth, shanghaiDate, type BudgetAccountCode, type BudgetKind } from '@lianxin/contracts';
import { accessScope, type Actor } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { createBudgetLine, recordSpending } from './funds.budgets.ts';
import { runSubsidies, subsidyPostedOn } from './funds.subsidies.ts';

interface DemoLine {
  kind: BudgetKind;
  name: string;
  account: BudgetAccountCode;
  yuan: number;
  /** share of the budget spent by the end of the year (spread over the months) */
  pace: number;
  payee: string;
  purpose: string;
}

const GUCUN_LINES: DemoLine[] = [
  { kind: 'basic', name: '工作人员经费', account: '504', yuan: 480_000, pace: 0.95, payee: '顾村镇总工会工作人员', purpose: '专职工会工作者及社工薪酬' },
  { kind: 'basic', name: '日常办公经费', account: '504', yuan: 120_000, pace: 0.8, payee: '上海顾村办公用品有限公司', purpose: '办公用品及水电' },
  { kind: 'project', name: '会员普惠服务项目', account: '501', yuan: 505_300, pace: 0.9, payee: '上海顾村职工服务社', purpose: '会员生日慰问、健康体检、夏送清凉' },
  { kind: 'project', name: '职工法律援助', account: '502', yuan: 120_000, pace: 0.6, payee: '上海宝山律师事务所', purpose: '驻点律师及劳动争议调解' },
  { kind: 'project', name: '小三级工会培训', account: '503', yuan: 80_000, pace: 0.5, payee: '宝山区职工培训中心', purpose: '基层工会主席及财务人员培训' },
];

const NANJINGDONGLU_LINES: DemoLine[] = [
  { kind: 'basic', name: '工作人员经费', account: '504', yuan: 360_000, pace: 0.95, payee: '南京东路街道总工会工作人员', purpose: '专职工会工作者薪酬' },
  { kind: 'project', name: '工会经费托管服务中心运行', account: '503', yuan: 200_000, pace: 0.7, payee: '黄浦区财务代理服务中心', purpose: '230 家工会分户核算代理记账' },
  { kind: 'project', name: '基层工会激励补助', account: '506', yuan: 1_349_000, pace: 0.85, payee: '52 家基层工会', purpose: '按评星结果拨付激励经费' },
];

const MEMBER_UNION_LINES: DemoLine[] = [
  { kind: 'basic', name: '日常办公经费', account: '504', yuan: 6_000, pace: 0.7, payee: '文具店', purpose: '办公用品' },
  { kind: 'project', name: '职工文体活动', account: '501', yuan: 36_000, pace: 0.75, payee: '上海宝顾精密机械有限公司职工之家', purpose: '月度会员活动日、节日慰问' },
];

/** A staff user's service context for the demo (null when the user is not seeded). */
export async function staffContext(app: FastifyInstance, username: string): Promise<ServiceContext | null> {
  const [user] = await queryRows<{ id: number; username: string; role: Actor['role']; org_id: number; path: string }>(app.db, sql`
    select u.id, u.username, u.role, u.org_id, o.path::text as path from users u join orgs o on o.id = u.org_id where u.username = ${username}`);
  if (!user) return null;
  const actor: Actor = { userId: user.id, username: user.username, role: user.role, orgId: user.org_id, orgPath: user.path, memberId: null, grants: [] };
  return { db: app.db, cipher: app.cipher, keys: app.keys, actor, scope: accessScope(actor), ip: '127.0.0.1', flushNotifications: () => app.flushNotifications() };
}

/** A unit's lines for the year of `today`, each spent in monthly payments up to today at its pace. */
async function budgetWithSpending(ctx: ServiceContext, orgId: number, lines: DemoLine[], today: string): Promise<void> {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  for (const [i, l] of lines.entries()) {
    const amountFen = l.yuan * 100;
    const line = await createBudgetLine(ctx, { orgId, year, kind: l.kind, name: l.name, accountCode: l.account, amountFen });
    // the year's spending at the line's pace, a twelfth a month, on the 10th (or today, this month)
    const monthly = Math.floor((amountFen * l.pace) / 12);
    for (let m = 1; m <= month; m++) {
      const spentOn = m === month ? (today.slice(8) < '10' ? today : `${today.slice(0, 8)}10`) : `${year}-${String(m).padStart(2, '0')}-10`;
      if (monthly <= 0) continue;
      await recordSpending(ctx, line.id, {
        spentOn, payee: l.payee, purpose: `${l.purpose}（${m} 月）`, amountFen: monthly, idempotencyKey: `demo-spending-${orgId}-${i}-${year}-${m}`,
      });
    }
  }
}

export async function seedDemoBudgets(app: FastifyInstance, today: string): Promise<void> {
  const db: Database = app.db;
  const gucun = await staffContext(app, 'demo-gucun');
  if (gucun) {
    await budgetWithSpending(gucun, gucun.actor.orgId, GUCUN_LINES, today);
    const [memberUnion] = await queryRows<{ org_id: number }>(db, sql`
      select m.org_id from users u join members m on m.id = u.member_id join orgs o on o.id = m.org_id
       where u.username = 'demo-member' and o.path <@ ${gucun.actor.orgPath}::ltree`);
    if (memberUnion) await budgetWithSpending(gucun, memberUnion.org_id, MEMBER_UNION_LINES, today);
    await seedDemoSubsidyHistory(db, gucun.actor.orgId, today);
    await runSubsidies(gucun, { orgId: gucun.actor.orgId, period: previousMonth(today.slice(0, 7)) });
  }
  const nanjingdonglu = await staffContext(app, 'demo-nanjingdonglu');
  if (nanjingdonglu) await budgetWithSpending(nanjingdonglu, nanjingdonglu.actor.orgId, NANJINGDONGLU_LINES, today);
}

/**
 * The payment history of the 两非一无 new-member subsidies (funds.subsidies.ts: 30 yuan from the district and 30
 * from the street per new member — the rule fixes the amount, so what varies is who joined when and how far each
 * payer is behind). Each paying federation has run its payments up to a month of its own — half of them last month,
 * a quarter the month before, a quarter three months back; 顾村 the month before last, its last month through
 * runSubsidies after this — so what is pending is what joined since: a few weeks' to a quarter's new members. The
 * runs are the ones runSubsidies posts: one a payer and month, keyed `subsidy:<payer>:<month>`, dated the month's last
 * day (subsidyPostedOn), Dr 506 / Cr 102 at the payer and Dr 102 / Cr 40302 at each union, the entitlements marked paid
 * with the entry and month. Members who joined before this year were paid in their year's December run (a yearly
 * run is how the years before the platform were settled). Set-based: a temporary plan, one statement per table.
 */
export async function seedDemoSubsidyHistory(db: Database, gucunId: number, today: string = shanghaiDate()): Promise<void> {
  const current = today.slice(0, 7);
  const m1 = previousMonth(current);
  const m2 = previousMonth(m1);
  const m3 = previousMonth(m2);
  const jan1 = `${today.slice(0, 4)}-01-01`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      create temporary table demo_subsidy on commit drop as
      select s.id, s.org_id as payer, p.path as payer_path, p.name as payer_name, m.org_id as union_id, u.path as union_path, s.amount_fen,
             case when m.joined_on < ${jan1}::date then to_char(m.joined_on, 'YYYY') || '-12' else to_char(m.joined_on, 'YYYY-MM') end as period,
             case when s.org_id = ${gucunId} then ${m2}
                  else (array[${m1}, ${m1}, ${m2}, ${m3}])[1 + (hashtext('demo-subsidy:' || s.org_id)::bigint + 2147483648) % 4] end as paid_through,
             null::bigint as entry_id
        from subsidy_entitlements s join members m on m.id = s.member_id join orgs u on u.id = m.org_id join orgs p on p.id = s.org_id
       where s.status = 'pending' and u.path <@ p.path`);
    await tx.execute(sql`delete from demo_subsidy where period > paid_through`);
    const runs = await queryRows<{ payer: number; period: string }>(tx, sql`select distinct payer, period from demo_subsidy`);
    if (runs.length === 0) return;
    await tx.execute(sql`
      insert into journal_entries (idempotency_key, period, posted_on, kind, memo)
      select 'subsidy:' || d.payer || ':' || d.period, d.period, r.posted_on::date, 'subsidy',
             min(d.payer_name) || ' “两非一无”会员发展补贴 ' || d.period || '（' || count(*) || ' 笔）'
        from demo_subsidy d join unnest(${sql.param(runs.map((r) => r.payer))}::int[], ${sql.param(runs.map((r) => r.period))}::text[],
                                        ${sql.param(runs.map((r) => subsidyPostedOn(r.period, r.period, today)))}::text[]) as r(payer, period, posted_on)
          on r.payer = d.payer and r.period = d.period
       group by d.payer, d.period, r.posted_on`);
    await tx.execute(sql`update demo_subsidy d set entry_id = e.id from journal_entries e where e.idempotency_key = 'subsidy:' || d.payer || ':' || d.period`);
    await tx.execute(sql`
      insert into journal_lines (entry_id, org_id, org_path, account_code, debit_fen, credit_fen, counterparty_org_id)
      select u.entry_id, x.org_id, x.org_path, x.account, x.debit, x.credit, x.cp
        from (select entry_id, payer, payer_path, union_id, union_path, sum(amount_fen)::bigint as fen from demo_subsidy group by 1, 2, 3, 4, 5) u
        cross join lateral (values
          (u.payer, u.payer_path, '506', u.fen, 0::bigint, u.union_id),
          (u.payer, u.payer_path, '102', 0::bigint, u.fen, u.union_id),
          (u.union_id, u.union_path, '102', u.fen, 0::bigint, null::int),
          (u.union_id, u.union_path, '40302', 0::bigint, u.fen, null::int)) as x(org_id, org_path, account, debit, credit, cp)`);
    await tx.execute(sql`
      update subsidy_entitlements s set status = 'paid', paid_entry_id = d.entry_id, paid_period = d.period from demo_subsidy d where d.id = s.id`);
  });
}
