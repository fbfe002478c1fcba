import { dunningStepLabels, label, type DunningStep } from '@lianxin/contracts';
import { formatChineseDate, openOfficialDocument } from '../../lib/official-pdf.ts';

/**
 * The letters of 依法催缴 (DOMAIN.md §5): lawyer's letter, 《关于依法催缴工会经费的函》 (deadline; payroll tax
 * filings requested, last year first), 《关于依法核定工会经费拨缴额的函》 (the assessed amount, split 40/60) and the
 * papers for a 支付令 application. Pure: the stored content in, PDF out (fonts as in campaign/letters.pdf.ts).
 */
export interface DunningLetterInput {
  step: DunningStep;
  documentNumber: string;
  issuedOn: string;
  issuer: { name: string };
  enterprise: { name: string; creditCode: string; address: string };
  arrearsFen: number;
  oldestUnpaidPeriod: string;
  monthsOverdue: number;
  /** months owing, oldest first: the assessed amount of each */
  periods: { period: string; assessedFen: number }[];
  deadlineDays: number;
  /** the upper 40 % and grassroots 60 % of the arrears (assessment letter) */
  split: { upperFen: number; grassrootsFen: number };
}


/** Fen as yuan with two decimals and thousands separators: 1234567 → "12,345.67". */
export function yuan(fen: number): string {
  const whole = Math.floor(fen / 100).toLocaleString('en-US');
  return `${whole}.${String(fen % 100).padStart(2, '0')}`;
}

const LAW = '《中华人民共和国工会法》规定，建立工会组织的企业、事业单位、社会组织，按每月全部职工工资总额的百分之二向工会拨缴经费；' +
  '对于无正当理由拖延或者拒不拨缴工会经费的单位，县级以上总工会可以向当地人民法院申请支付令；拒不执行支付令的，工会可以依法申请人民法院强制执行。';

export function dunningText(input: DunningLetterInput): { paragraphs: string[]; closing: string } {
  const e = input.enterprise;
  const owed = `经核查，贵单位（统一社会信用代码：${e.creditCode}）自${input.oldestUnpaidPeriod.replace('-', '年')}月起未足额拨缴工会经费，截至目前欠缴${yuan(input.arrearsFen)}元，已逾期${input.monthsOverdue}个月。`;
  const months = input.periods.map((p) => `${p.period.replace('-', '年')}月 应缴${yuan(p.assessedFen)}元`).join('；');
  switch (input.step) {
    case 'lawyer_letter':
      return { closing: '特此函告。', paragraphs: [
        `受${input.issuer.name}委托，本律师就贵单位拨缴工会经费事宜致函如下：`, owed, LAW,
        `请贵单位自收到本函之日起${input.deadlineDays}日内足额补缴欠缴的工会经费，逾期未缴的，委托人将依法采取进一步措施。`,
      ] };
    case 'dunning_letter':
      return { closing: '特此函告。', paragraphs: [
        owed, `欠缴明细：${months}。`, LAW,
        `请贵单位于收到本函之日起${input.deadlineDays}日内足额补缴，并提供最近年度（先提供上一年度）的工资总额纳税申报资料，以便核定应拨缴金额。`,
        '逾期不缴又不提供资料的，我会将依法开展专项审计，核定贵单位应拨缴的工会经费数额。',
      ] };
    case 'assessment_letter':
      return { closing: '特此函告。', paragraphs: [
        `我会依法对贵单位工会经费拨缴情况进行了专项审计。${owed}`, `核定明细：${months}。`,
        `核定应拨缴工会经费${yuan(input.arrearsFen)}元，其中上级工会经费（40%）${yuan(input.split.upperFen)}元，基层工会经费（60%）${yuan(input.split.grassrootsFen)}元。`,
        `请贵单位于收到本函之日起${input.deadlineDays}日内按核定数额拨缴。${LAW}`,
      ] };
    case 'payment_order':
      return { closing: '此致\n人民法院', paragraphs: [
        `申请人：${input.issuer.name}`, `被申请人：${e.name}（统一社会信用代码：${e.creditCode}；住所：${e.address}）`,
        `请求事项：责令被申请人向申请人拨缴工会经费${yuan(input.arrearsFen)}元。`,
        `事实与理由：${owed}申请人已依次发出律师函、约谈、《关于依法催缴工会经费的函》及《关于依法核定工会经费拨缴额的函》，被申请人至今仍未拨缴。${LAW}`,
        `欠缴明细：${months}。`,
      ] };
    case 'interview':
      return { closing: '', paragraphs: [owed] };
  }
}

export async function renderDunningLetter(input: DunningLetterInput): Promise<Buffer> {
  const title = label(dunningStepLabels, input.step, 'zh-CN');
  const { doc, width, finished } = openOfficialDocument({
    title, documentNumber: input.documentNumber, author: input.issuer.name, subject: input.enterprise.name, date: input.issuedOn,
  });
  if (input.step !== 'payment_order') doc.text(`${input.enterprise.name}：`, { width, lineGap: 6 });
  const { paragraphs, closing } = dunningText(input);
  for (const text of paragraphs) doc.text(text, { width, lineGap: 6, indent: 24 });
  doc.text(closing, { width, lineGap: 6, indent: 24 });
  doc.moveDown(2);
  doc.text(`${input.issuer.name}（盖章）`, { width, align: 'right', lineGap: 6 });
  doc.text(formatChineseDate(input.issuedOn), { width, align: 'right' });
  doc.end();
  return finished;
}
