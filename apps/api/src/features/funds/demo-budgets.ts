/**
 * Demo budgets, spending and subsidy payments (DOMAIN.md §5, §2), written through the services (so through the
 * ledger and its checks), before the funds demo closes the older months:
 * - 顾村 (street federation, a first-level budget unit): 基本支出 and 项目支出 for this year, the member-benefit
 *   projects budgeted at 505,300 yuan (顾村 2017's spending on them), spent month by month;
 * - 南京东路 (its custody centre for 230 unions): 基本支出 and 项目支出 including the incentive grants (1,349,000
 *   yuan to 52 unions);
 * - the demo member's union: a small activity budget, so 经费公开 on the H5 shows a budget being spent;
 * - 顾村's 两非一无 subsidies paid for last month (宝山区's district-level ones, and other streets', stay pending).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@lianxin/db';
import type { FastifyInstance } from 'fastify';
import { previousMonth, type BudgetAccountCode, type BudgetKind } from '@lianxin/contracts';
import { accessScope, type Actor } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { createBudgetLine, recordSpending } from './funds.budgets.ts';
import { runSubsidies } from './funds.subsidies.ts';

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
    await runSubsidies(gucun, { orgId: gucun.actor.orgId, period: previousMonth(today.slice(0, 7)) });
  }
  const nanjingdonglu = await staffContext(app, 'demo-nanjingdonglu');
  if (nanjingdonglu) await budgetWithSpending(nanjingdonglu, nanjingdonglu.actor.orgId, NANJINGDONGLU_LINES, today);
}
