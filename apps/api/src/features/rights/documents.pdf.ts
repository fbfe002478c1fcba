/**
 * The two printed documents of the rights module, rendered with pdfkit and the embedded Noto Sans SC of the
 * campaign letters (no system font needed): the 调解协议书 of a settled case and the 《工会劳动法律监督整改意见函》
 * of an early warning. Pure: fields in, PDF out; the creation date is the document's own date, so the same input
 * gives the same bytes.
 */
import { caseTypeLabels, label, warningSignalLabels, type CaseType, type WarningLevel, type WarningSignal, warningLevelLabels } from '@lianxin/contracts';
import { formatChineseDate, openOfficialDocument } from '../../lib/official-pdf.ts';

interface Document {
  title: string;
  documentNumber?: string;
  /** YYYY-MM-DD: printed under the signature and used as the PDF's creation date */
  date: string;
  author: string;
  subject: string;
  /** lines before the body (addressee, parties), not indented */
  heading: string[];
  paragraphs: string[];
  closing: string;
  /** right-aligned lines above the date (signatures) */
  signatures: string[];
}

async function render(input: Document): Promise<Buffer> {
  const { doc, width, finished } = openOfficialDocument({
    title: input.title, documentNumber: input.documentNumber, author: input.author, subject: input.subject, date: input.date,
  });
  for (const line of input.heading) doc.text(line, { width, lineGap: 6 });
  const paragraph = { width, lineGap: 6, indent: 24, align: 'left' } as const;
  for (const text of input.paragraphs) doc.text(text, paragraph);
  doc.text(input.closing, paragraph);
  doc.moveDown(2);
  for (const line of input.signatures) doc.text(line, { width, align: 'right', lineGap: 6 });
  doc.text(formatChineseDate(input.date), { width, align: 'right' });
  doc.end();
  return finished;
}

/** Yuan with two decimals from integer fen: 123456 → "1,234.56" (exact; no floating point). */
export function formatYuan(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const cents = String(fen % 100).padStart(2, '0');
  return `${yuan.toLocaleString('en-US')}.${cents}`;
}

export interface AgreementInput {
  caseNumber: string;
  closedOn: string;
  type: CaseType;
  workers: string[];
  enterprise: { name: string; creditCode: string; address: string };
  mediationOrg: string;
  mediator: string;
  claimFen: number;
  recoveredFen: number;
  agreementText: string;
  partial: boolean;
}

/** 调解协议书 (劳动争议调解仲裁法 art. 14: signed by the parties and the mediator, sealed by the mediation organisation). */
export function renderAgreement(a: AgreementInput): Promise<Buffer> {
  const org = a.mediationOrg || '劳动争议调解委员会';
  return render({
    title: '调解协议书',
    documentNumber: a.caseNumber,
    date: a.closedOn,
    author: org,
    subject: a.enterprise.name,
    heading: [
      `申请人：${a.workers.join('、')}`,
      `被申请人：${a.enterprise.name}（统一社会信用代码：${a.enterprise.creditCode}；住所：${a.enterprise.address}）`,
      `调解组织：${org}${a.mediator ? `，调解员：${a.mediator}` : ''}`,
    ],
    paragraphs: [
      `申请人与被申请人因${label(caseTypeLabels, a.type, 'zh-CN')}发生劳动争议，申请人请求金额人民币${formatYuan(a.claimFen)}元。` +
        `经${org}依照《中华人民共和国劳动争议调解仲裁法》主持调解，双方自愿达成如下协议：`,
      `一、被申请人向申请人支付人民币${formatYuan(a.recoveredFen)}元${a.partial ? '（部分达成协议，其余请求申请人可依法另行主张）' : ''}。`,
      ...(a.agreementText ? [`二、${a.agreementText}`] : []),
      '本协议书自双方当事人签名或者盖章、经调解员签名并加盖调解组织印章后生效，对双方当事人具有约束力，当事人应当履行。' +
        '达成调解协议后，一方当事人在协议约定期限内不履行调解协议的，另一方当事人可以依法申请仲裁。',
    ],
    closing: '本协议书一式三份，双方当事人和调解组织各执一份。',
    signatures: ['申请人（签名）：', '被申请人（盖章）：', `调解员（签名）：${a.mediator}`, `${org}（盖章）`],
  });
}

export interface WarningLetterInput {
  documentNumber: string;
  raisedOn: string;
  deadline: string;
  issuer: { name: string };
  enterprise: { name: string; creditCode: string; address: string };
  signal: WarningSignal;
  level: WarningLevel;
  description: string;
}

/** 《工会劳动法律监督整改意见函》 (工会法 art. 22, 劳动法 art. 88: the union's legal supervision of employers). */
export function renderWarningLetter(w: WarningLetterInput): Promise<Buffer> {
  return render({
    title: '工会劳动法律监督整改意见函',
    documentNumber: w.documentNumber,
    date: w.raisedOn,
    author: w.issuer.name,
    subject: w.enterprise.name,
    heading: [`${w.enterprise.name}：`],
    paragraphs: [
      '根据《中华人民共和国工会法》《中华人民共和国劳动法》等法律法规的规定，工会依法对用人单位遵守劳动法律、法规的情况进行监督。',
      `经了解，贵单位（统一社会信用代码：${w.enterprise.creditCode}；住所：${w.enterprise.address}）存在${label(warningSignalLabels, w.signal, 'zh-CN')}情形` +
        `（风险等级：${label(warningLevelLabels, w.level, 'zh-CN')}）。${w.description}`,
      `请贵单位于${formatChineseDate(w.deadline)}前依法整改，保障职工合法权益，并将整改情况书面报送${w.issuer.name}。`,
      '逾期未整改的，我会将依法提请劳动行政部门处理，并继续跟踪督办。',
    ],
    closing: '特此函告。',
    signatures: [`${w.issuer.name}（盖章）`],
  });
}
