import { describe, expect, it } from 'vitest';
import { letterKinds, type LetterKind } from '@lianxin/contracts';
import { letterText, letterTitle, renderLetter, type LetterInput } from '../src/features/campaign/letters.pdf.ts';
import { pdfText, pdfTextRuns, squash } from './support/pdf-text.ts';

const letter = (kind: LetterKind, over: Partial<LetterInput> = {}): LetterInput => ({
  kind,
  documentNumber: '顾工监〔2026〕12号',
  issuedOn: '2026-11-22',
  issuer: { name: '宝山区顾村镇总工会' },
  enterprise: {
    name: '上海顾村精密机械制造有限公司',
    creditCode: '91310113MA1GK2XQ3T',
    address: '上海市宝山区顾村镇沪太路5000号',
    employeeCount: 126,
    workersJoinedOutside: 7,
  },
  ...over,
});

/** The PDF's text, whitespace removed so that line wrapping does not matter. */
const extractText = async (pdf: Buffer) => squash(await pdfText(pdf));

describe('the two letters (两书) as PDF', () => {
  it.each(letterKinds)('%s names the enterprise, its credit code, the issuer, the date and the deadline', async (kind) => {
    const pdf = await renderLetter(letter(kind, { deadlineDays: 15 }));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const text = await extractText(pdf);
    expect(text).toContain(squash(letterTitle(kind)));
    expect(text).toContain('上海顾村精密机械制造有限公司：');
    expect(text).toContain('91310113MA1GK2XQ3T');
    expect(text).toContain('宝山区顾村镇总工会（盖章）');
    expect(text).toContain('2026年11月22日');
    expect(text).toContain('顾工监〔2026〕12号');
    expect(text).toContain('15日内');
    expect(text).toContain('中华人民共和国工会法》第三条');
  });

  it('gives the two kinds different titles', () => {
    expect(letterTitle('rectification_opinion')).toBe('工会组建法律监督整改意见书');
    expect(letterTitle('handling_suggestion')).toBe('处理建议书');
    expect(new Set(letterKinds.map(letterTitle)).size).toBe(letterKinds.length);
  });

  it('defaults the deadline to 30 days and mentions workers who joined outside only when there are some', async () => {
    const text = await extractText(await renderLetter(letter('rectification_opinion', {
      enterprise: { ...letter('rectification_opinion').enterprise, workersJoinedOutside: 0 },
    })));
    expect(text).toContain('30日内');
    expect(text).not.toContain('企业外入会');
    expect(await extractText(await renderLetter(letter('handling_suggestion')))).toContain('已有7名职工通过企业外入会方式加入工会');
  });

  // pdfkit wraps only where its line breaker allows; a CJK run it could not break would run past the right margin
  // (and off the page), so every paragraph must come back whole and every line must stay within the margins.
  it.each(letterKinds)('%s wraps every paragraph inside the page, even with long names', async (kind) => {
    const input = letter(kind, {
      issuer: { name: '上海市宝山区顾村镇总工会' },
      enterprise: {
        name: '上海顾村智能装备与新材料科技研发制造及进出口贸易集团股份有限公司宝山分公司',
        creditCode: '91310113MA1GK2XQ3T',
        address: '上海市宝山区顾村镇沪太路5000弄智慧湾科创园区北区第十二号楼东侧裙房三层301至318室',
        employeeCount: 1243,
        workersJoinedOutside: 86,
      },
    });
    const pdf = await renderLetter(input);
    const text = await extractText(pdf);
    const { paragraphs, closing } = letterText(input);
    for (const paragraph of [...paragraphs, closing]) expect(text).toContain(squash(paragraph));
    expect(text).toContain(`${squash(input.enterprise.name)}：`);

    const margin = 72;
    const a4Width = 595.28;
    const extents = await pdfTextRuns(pdf);
    expect(extents.length).toBeGreaterThan(20);
    expect(Math.min(...extents.map((e) => e.xMin))).toBeGreaterThanOrEqual(margin - 0.5);
    expect(Math.max(...extents.map((e) => e.xMax))).toBeLessThanOrEqual(a4Width - margin + 0.5);
  });

  it('renders the same bytes for the same input', async () => {
    const [first, second] = await Promise.all([renderLetter(letter('handling_suggestion')), renderLetter(letter('handling_suggestion'))]);
    expect(first.equals(second)).toBe(true);
  });

  it('embeds only the glyphs it uses, not the whole font', async () => {
    // each Noto Sans SC weight is ≈ 10.5 MB; a one-page letter with its subsets is ≈ 45 KB
    expect((await renderLetter(letter('handling_suggestion'))).length).toBeLessThan(200_000);
  });
});
