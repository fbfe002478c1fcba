/**
 * 依法催缴 (DOMAIN.md §5): the four steps in order — 律师函 → 约谈 → 催缴函 → 专项审计与核定函 — then the papers for a
 * 支付令 once 3 months are overdue. Each step is kept in `dunning_steps` with what its letter printed; the PDF is
 * rendered from that content.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '@lianxin/db';
import { dunningLetterSteps, dunningStepLabels, label, shanghaiDate, splitFen, type DunningStep, type DunningStepRecord } from '@lianxin/contracts';
import { writeScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { renderDunningLetter, type DunningLetterInput } from './dunning.pdf.ts';
import { arrearsRows, fundsEnterprise, territorialChain } from './funds.repo.ts';
import { toArrearsItem } from './funds.service.ts';

interface StepRow { id: number; enterprise_id: number; step: DunningStep; issued_on: string; document_number: string | null; arrears_fen: number; note: string; has_letter: boolean }
const stepColumns = sql`id, enterprise_id, step, issued_on::text as issued_on, document_number, arrears_fen::float8 as arrears_fen, note, content is not null as has_letter`;
const toStep = (r: StepRow): DunningStepRecord => ({
  id: r.id, enterpriseId: r.enterprise_id, step: r.step, issuedOn: r.issued_on, documentNumber: r.document_number, arrearsFen: r.arrears_fen,
  note: r.note, hasLetter: r.has_letter,
});

export async function dunningHistory(ctx: ServiceContext, enterpriseId: number) {
  if (!(await fundsEnterprise(ctx.db, ctx.scope, enterpriseId))) throw notFound();
  const rows = await queryRows<StepRow>(ctx.db, sql`select ${stepColumns} from dunning_steps where enterprise_id = ${enterpriseId} order by id`);
  return { items: rows.map(toStep) };
}

/** Takes the next step for an enterprise in arrears (409 when it owes nothing, out of order, or too early for 支付令). */
export async function takeDunningStep(ctx: ServiceContext, enterpriseId: number, input: { step: DunningStep; note: string; deadlineDays: number }): Promise<DunningStepRecord> {
  const scope = writeScope(ctx.scope);
  const today = shanghaiDate();
  return ctx.db.transaction(async (tx) => {
    const enterprise = await fundsEnterprise(tx, scope, enterpriseId, true);
    if (!enterprise) throw notFound();
    const [owing] = await arrearsRows(tx, scope, enterprise.orgPath, 1, 0, enterpriseId);
    if (!owing) throw new AppError('conflict', 409, 'funds.notInArrears');
    const item = toArrearsItem(owing, today);
    if (input.step === 'payment_order' && item.monthsOverdue < 3 && item.stepsDone.length === 4) throw new AppError('conflict', 409, 'funds.paymentOrderTooEarly');
    if (item.nextStep !== input.step) {
      const next = item.nextStep ? label(dunningStepLabels, item.nextStep, 'zh-CN') : '—';
      throw new AppError('conflict', 409, 'funds.stepOrder', { next }, { step: 'funds.stepOrder' });
    }
    let content: DunningLetterInput | null = null;
    let documentNumber: string | null = null;
    if (dunningLetterSteps.includes(input.step)) {
      const { street } = await territorialChain(tx, enterprise.regionCode);
      const issuer = street ?? { id: enterprise.orgId, name: '' };
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('funds.dunning'), ${issuer.id})`);
      const [count] = await queryRows<{ n: number }>(tx, sql`
        select count(*)::int as n from dunning_steps where content->>'issuerId' = ${String(issuer.id)} and issued_on >= ${`${today.slice(0, 4)}-01-01`}::date`);
      const short = issuer.name.replace(/^.{2,3}?[区县]/, '').replace(/(总工会|工会)$/, '').replace(/[镇街道]+$/, '').slice(0, 4) || '工会';
      documentNumber = `${short}工经〔${today.slice(0, 4)}〕${(count?.n ?? 0) + 1}号`;
      const periods = await queryRows<{ period: string; assessedFen: number }>(tx, sql`
        select period, assessment_fen::float8 as "assessedFen" from fund_assessments
         where enterprise_id = ${enterpriseId} and replaced_by_id is null and period >= ${item.oldestUnpaidPeriod} order by period`);
      const [upperFen, grassrootsFen] = splitFen(item.arrearsFen, [4000, 6000]) as [number, number];
      content = {
        step: input.step, documentNumber, issuedOn: today, issuer: { name: issuer.name },
        enterprise: { name: enterprise.name, creditCode: enterprise.creditCode, address: enterprise.address },
        arrearsFen: item.arrearsFen, oldestUnpaidPeriod: item.oldestUnpaidPeriod, monthsOverdue: item.monthsOverdue, periods,
        deadlineDays: input.deadlineDays, split: { upperFen, grassrootsFen },
      };
      Object.assign(content, { issuerId: issuer.id });
    }
    const [row] = await queryRows<StepRow>(tx, sql`
      insert into dunning_steps (enterprise_id, step, issued_on, document_number, arrears_fen, note, content, created_by)
      values (${enterpriseId}, ${input.step}, ${today}, ${documentNumber}, ${item.arrearsFen}, ${input.note},
              ${content ? JSON.stringify(content) : null}::jsonb, ${ctx.actor.userId})
      returning ${stepColumns}`);
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'create', objectType: 'dunning_step', objectId: row!.id, orgPath: enterprise.orgPath,
      detail: { enterpriseId, step: input.step, arrearsFen: item.arrearsFen, documentNumber },
    });
    return toStep(row!);
  });
}

/** The letter of a step, rendered from what was stored when it was issued. */
export async function dunningLetterPdf(ctx: ServiceContext, stepId: number): Promise<{ file: Buffer; filename: string }> {
  const [row] = await queryRows<{ enterprise_id: number; content: DunningLetterInput | null }>(ctx.db, sql`
    select enterprise_id, content from dunning_steps where id = ${stepId}`);
  if (!row || !(await fundsEnterprise(ctx.db, ctx.scope, row.enterprise_id))) throw notFound();
  if (!row.content) throw new AppError('not_found', 404, 'funds.noLetter');
  const file = await renderDunningLetter(row.content);
  return { file, filename: `${row.content.enterprise.name}-${label(dunningStepLabels, row.content.step, 'zh-CN')}.pdf` };
}
