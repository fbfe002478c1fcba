import { label, letterKindLabels, type LetterKind } from '@lianxin/contracts';
import { BODY_SIZE, formatChineseDate, openOfficialDocument } from '../../lib/official-pdf.ts';

/**
 * The "两书" issued to an enterprise that refuses to build a union (DOMAIN.md §1): a rectification opinion first,
 * then a handling suggestion that announces escalation to the labour administration. Pure: fields in, PDF out.
 */
export interface LetterInput {
  kind: LetterKind;
  documentNumber: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  issuer: { name: string };
  enterprise: { name: string; creditCode: string; address: string; employeeCount: number; workersJoinedOutside: number };
  /** days the enterprise has to respond/rectify; default 30 */
  deadlineDays?: number;
}

const BODY_LINE_GAP = 6;
const DEFAULT_DEADLINE_DAYS = 30;

/** The letters are printed in Chinese; the title is the kind's label. */
export function letterTitle(kind: LetterKind): string {
  return label(letterKindLabels, kind, 'zh-CN');
}


const RIGHT_TO_ORGANISE =
  '《中华人民共和国工会法》第三条规定，在中国境内的企业、事业单位、机关、社会组织中以工资收入为主要生活来源的劳动者，' +
  '不分民族、种族、性别、职业、宗教信仰、教育程度，都有依法参加和组织工会的权利，任何组织和个人不得阻挠和限制。' +
  '第十一条规定，上级工会可以派员帮助和指导企业职工组建工会，任何单位和个人不得阻挠。';

const LIABILITY =
  '依照《中华人民共和国工会法》的规定，阻挠职工依法参加和组织工会或者阻挠上级工会帮助、指导职工筹建工会的，' +
  '由劳动行政部门责令其改正；拒不改正的，由劳动行政部门提请县级以上人民政府处理。';

function enterpriseFacts(enterprise: LetterInput['enterprise']): string {
  const joinedOutside = enterprise.workersJoinedOutside > 0
    ? `其中已有${enterprise.workersJoinedOutside}名职工通过企业外入会方式加入工会组织。`
    : '';
  return `贵单位（统一社会信用代码：${enterprise.creditCode}；住所：${enterprise.address}）现有职工${enterprise.employeeCount}人，` +
    `至今尚未依法建立工会组织。${joinedOutside}`;
}

/** Body paragraphs, indented two characters; the closing phrase is kept on the page of the signature. */
export function letterText(input: LetterInput): { paragraphs: string[]; closing: string } {
  const days = input.deadlineDays ?? DEFAULT_DEADLINE_DAYS;
  const { enterprise, issuer } = input;
  switch (input.kind) {
    case 'rectification_opinion':
      return { closing: '特此函告。', paragraphs: [
        '根据《中华人民共和国工会法》《中华人民共和国劳动法》和《上海市实施〈中华人民共和国工会法〉办法》等法律法规的规定，' +
          `${issuer.name}依法对贵单位组建工会的情况进行了法律监督。`,
        `经了解，${enterpriseFacts(enterprise)}`,
        RIGHT_TO_ORGANISE +
          '《中华人民共和国劳动法》第八十八条规定，各级工会依法维护劳动者的合法权益，对用人单位遵守劳动法律、法规的情况进行监督。',
        '为依法维护贵单位职工参加和组织工会的权利，现提出如下整改意见：',
        `一、自收到本意见书之日起${days}日内，支持并配合上级工会帮助、指导本单位职工依法组建工会，不得阻挠、限制职工参加和组织工会。`,
        '二、为职工筹建工会提供必要的条件和便利，不得因职工参加或者组织工会而解除其劳动合同、调整其岗位、降低其劳动报酬或者给予其他不利待遇。',
        `三、在上述期限届满前，将整改情况书面报送${issuer.name}。`,
        '逾期未整改的，我会将依法向有关部门提出处理建议，并可依照有关规定将相关情况予以公开。',
      ] };
    case 'handling_suggestion':
      return { closing: '特此建议。', paragraphs: [
        `${issuer.name}依法对贵单位组建工会的情况进行了法律监督。${enterpriseFacts(enterprise)}` +
          '贵单位的上述情形不利于保障职工依法参加和组织工会的权利。',
        RIGHT_TO_ORGANISE +
          '《上海市实施〈中华人民共和国工会法〉办法》亦对职工依法组建工会、上级工会帮助指导组建工会作出了相应规定。',
        LIABILITY,
        '据此，我会提出如下处理建议：',
        `一、贵单位应当自收到本建议书之日起${days}日内依法组建工会，或者组织职工加入所在区域（行业）工会联合会，并将组建情况书面报送${issuer.name}。`,
        '二、逾期仍未组建工会的，我会将提请劳动行政部门依法责令改正，并可依照有关规定通过政府信用信息平台、工会媒体等途径将相关情况予以公开。',
        '三、贵单位职工依法参加工会的权利不因贵单位未建立工会而受影响，我会将继续依法吸纳贵单位职工入会，并维护其合法权益。',
      ] };
  }
}

export async function renderLetter(input: LetterInput): Promise<Buffer> {
  const issuedDate = formatChineseDate(input.issuedOn);
  const title = letterTitle(input.kind);
  const { doc, width, finished } = openOfficialDocument({
    title, documentNumber: input.documentNumber, author: input.issuer.name, subject: input.enterprise.name, date: input.issuedOn,
  });

  doc.text(`${input.enterprise.name}：`, { width, lineGap: BODY_LINE_GAP });
  const paragraph = { width, lineGap: BODY_LINE_GAP, indent: BODY_SIZE * 2, align: 'left' } as const;
  const { paragraphs, closing } = letterText(input);
  // pdfkit's line breaker (UAX #14) may break between any two ideographs, so CJK paragraphs wrap without spaces.
  for (const text of paragraphs) doc.text(text, paragraph);

  // A signature alone on the last page reads as detachable, so the closing phrase moves with it when they do not fit.
  const lineHeight = doc.currentLineHeight();
  const closingBlockHeight = doc.heightOfString(closing, paragraph) + lineHeight * 4 + BODY_LINE_GAP;
  if (doc.y + closingBlockHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.text(closing, paragraph);
  doc.moveDown(2);
  doc.text(`${input.issuer.name}（盖章）`, { width, align: 'right', lineGap: BODY_LINE_GAP });
  doc.text(issuedDate, { width, align: 'right' });

  doc.end();
  return finished;
}
