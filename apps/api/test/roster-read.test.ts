/**
 * Reading rosters as offices send them (no database): layouts, encodings, numbers where identifiers belong,
 * the platform's own export, and files built to exhaust the server. Real files, built by test/fixtures/rosters.ts.
 */
import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, translate, type MessageKey } from '@lianxin/contracts';
import { MAX_ROWS, parseRoster, rowValidator, XLSX_INFLATED_MAX, type RosterRow } from '../src/features/members/members.import.ts';
import { AppError } from '../src/errors.ts';
import {
  bombXlsx, emptyRowsBombXlsx, gb18030Csv, HEADER, instructionsFirstXlsx, mergedTitleXlsx, plainXlsx, sheetsXlsx, twoRowHeaderXlsx,
  utf16Text, type Line,
} from './fixtures/rosters.ts';

const id = (first17: string) => first17 + idNumberCheckChar(first17);
const ID1 = id('31011319850307001');
const ID2 = id('31011319900412002');
const lines: Line[] = [
  ['张三', ID1, '13912345678', '快递员', '标准', '', '2024-01-15'],
  ['阿依古丽•买买提', ID2, '+86 139 1234 5679', 'rider', 'informal'],
];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const read = (data: Buffer, name = 'roster.xlsx', limits?: { maxRows: number; inflatedBytes: number }) =>
  parseRoster(data, name, name.endsWith('.xlsx') ? XLSX : 'text/plain', limits);

/** The message a refused file gets, in Chinese. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  const e = error as AppError;
  return translate(e.messageKey as MessageKey, 'zh-CN', e.params as Record<string, string | number>);
}

const names = (rows: RosterRow[]) => rows.map((r) => r.cells[0]);

describe('roster layouts', () => {
  it('a merged title row above the header', async () => {
    const rows = await read(await mergedTitleXlsx(lines));
    expect(names(rows)).toEqual(['张三', '阿依古丽•买买提']);
    expect(rows.map((r) => r.row)).toEqual([4, 5]);
    expect(rows[0]!.cells).toEqual(['张三', ID1, '13912345678', '快递员', '标准', '', '2024-01-15']);
  });

  it('a two-row header: titles merged over both rows, a group title over its sub-headings', async () => {
    const rows = await read(await twoRowHeaderXlsx([['张三', ID1, '13912345678', '快递员', '标准', '', '2024-01-15']]));
    expect(rows).toEqual([{ row: 3, cells: ['张三', ID1, '13912345678', '快递员', '标准', '', '2024-01-15'] }]);
  });

  it('an instructions sheet and a hidden lists sheet before the roster sheet', async () => {
    const rows = await read(await instructionsFirstXlsx(lines));
    expect(names(rows)).toEqual(['张三', '阿依古丽•买买提']); // never the hidden sheet's example row
  });

  it('several visible sheets with a roster header are refused by name (one roster a file: nothing dropped silently)', async () => {
    const message = await refusal(read(await sheetsXlsx({ 一车间: lines, 统计: null, 二车间: lines })));
    expect(message).toBe('工作表 「一车间」、「二车间」 都有名册表头；一次只导入一个工作表，请合并到一个工作表或分文件导入');
  });

  it('without a header, says which sheets and rows were searched', async () => {
    const message = await refusal(read(await sheetsXlsx({ 说明: null, 汇总: null })));
    expect(message).toBe('没有找到名册表头（须含 姓名、身份证号、手机号、职业、会员类别），已查找的工作表及行：「说明」 1–2；「汇总」 1–2');
    const partial = await refusal(read(await plainXlsx([['张三', '13912345678']], ['姓名', '手机号'])));
    expect(partial).toBe('缺少列：身份证号、职业、会员类别（表头在「Sheet1」第 1 行）');
  });

  it("Excel's UTF-16 \"Unicode text\" (tab-separated, BOM) and GB18030 CSV", async () => {
    const utf16 = await read(utf16Text(lines), '名册.txt');
    expect(utf16.map((r) => r.cells.slice(0, 3))).toEqual([['张三', ID1, '13912345678'], ['阿依古丽•买买提', ID2, '+86 139 1234 5679']]);
    // GB18030 as Excel saves CSV on Chinese Windows (· is in GB 2312; • has only a four-byte form)
    const gbLines = lines.map((l) => l.map((v) => (typeof v === 'string' ? v.replace('•', '·') : v)));
    const gb = await read(gb18030Csv(gbLines), '名册.csv');
    expect(gb.map((r) => r.cells.slice(0, 3))).toEqual([['张三', ID1, '13912345678'], ['阿依古丽·买买提', ID2, '+86 139 1234 5679']]);
  });

  it('skips rows holding only dropdown defaults (no name, no ID number) and the template example', async () => {
    const rows = await read(await plainXlsx([
      ...lines,
      ['', '', '', '快递员', '标准'],
      ['', '', '', '', '非正规就业', '', '2024-01-01'],
      ['张三', id('31011319900307002'), '13800138000', '外卖骑手', '非正规就业'], // the template's example row
    ]));
    expect(names(rows)).toEqual(['张三', '阿依古丽•买买提']);
  });

  it('the platform\'s own masked export is recognised and pointed to the template', async () => {
    const masked: Line[] = Array.from({ length: 8 }, (_, i) => [`张${'一二三四五六七八'.charAt(i)}`, '310***********123X', '139****5678', '男', '快递员', '标准']);
    const message = await refusal(read(await plainXlsx(masked, ['姓名', '身份证号', '手机号', '性别', '职业', '会员类别'])));
    expect(message).toBe('这是本平台导出的名册，身份证号和手机号已遮挡，不能再导入；请下载导入模板，填写完整信息后上传');
  });
});

describe('numbers where identifiers belong', () => {
  it('an 18-digit ID typed into a General cell (read back as 310108197506126016) is refused with a message to format the column as text', async () => {
    const typed = '310108197506126008';
    expect(Number(typed)).toBe(310108197506126016); // what Excel keeps (15 significant digits), itself a valid number
    expect(idNumberCheckChar('31010819750612601')).toBe('6');
    const rows = await read(await plainXlsx([
      ['张三', Number(typed), 13912345678, '快递员', '标准', '', 45306], // phone as a number is exact; 45306 = 2024-01-15
      ['李四', ID1, '13912345670', '快递员', '标准', '', ''],
    ]));
    expect(rows[0]!.refused).toEqual({ idNumber: 'import.numericIdentifier' });
    expect(rows[0]!.cells.slice(1, 3)).toEqual(['310108197506126016', '13912345678']);
    expect(rows[0]!.cells[6]).toBe('2024-01-15');
    expect(rows[1]!.refused).toBeUndefined();
    const validate = rowValidator('2026-12-01');
    const checked = rows.map(validate);
    expect(checked[0]!.value).toBeNull();
    expect(checked[0]!.idNumber).toBeNull(); // never used to find duplicates or members
    expect(checked[0]!.problems).toEqual([{ field: 'idNumber', key: 'import.numericIdentifier' }]);
    expect(translate('import.numericIdentifier', 'zh-CN')).toContain('设为“文本”格式');
    expect(checked[1]!.problems).toEqual([]);
  });

  it('a credit code stored as a number is refused the same way', async () => {
    const rows = await read(await plainXlsx([['张三', ID1, '13912345678', '快递员', '标准', 9.13101e17]]));
    expect(rows[0]!.refused).toEqual({ creditCode: 'import.numericIdentifier' });
  });
});

describe('rows as people write them', () => {
  it('phones with +86 and separators, IDs with spaces, names with any middle dot: one form, valid', () => {
    const validate = rowValidator('2026-12-01');
    const row = validate({ row: 2, cells: ['阿依古丽 • 买买提', `${ID2.slice(0, 6)} ${ID2.slice(6, 14)} ${ID2.slice(14)}`, '+86 139-1234-5679', 'rider', 'informal', '', ''] });
    expect(row.problems).toEqual([]);
    expect(row.value).toMatchObject({ name: '阿依古丽·买买提', idNumber: ID2, phone: '13912345679' });
  });

  it('a NUL in a name or an over-long name is named on its row; the other rows stay valid', () => {
    const validate = rowValidator('2026-12-01');
    const nul = validate({ row: 2, cells: ['张\u0000三', ID1, '13912345678', 'rider', 'informal', '', ''] });
    expect(nul.problems).toEqual([{ field: 'name', key: 'person.nameControl' }]);
    expect(validate({ row: 3, cells: ['张'.repeat(300), ID2, '13912345679', 'rider', 'informal', '', ''] }).problems).toEqual([{ field: 'name', key: 'person.nameInvalid' }]);
  });

  it('a member is at least 16 on the joining date', () => {
    const validate = rowValidator('2026-12-01');
    const teen = id('31011320100615001'); // born 2010-06-15, 16 on 2026-06-15
    expect(validate({ row: 2, cells: ['王小', teen, '13912345678', 'rider', 'informal', '', '2026-06-14'] }).problems)
      .toEqual([{ field: 'joinedOn', key: 'import.joinedTooYoung' }]);
    expect(rowValidator('2026-12-01')({ row: 3, cells: ['王小', teen, '13912345678', 'rider', 'informal', '', '2026-06-15'] }).problems).toEqual([]);
    const child = id('31011320150615001');
    expect(validate({ row: 4, cells: ['王童', child, '13912345670', 'rider', 'informal', '', ''] }).problems)
      .toEqual([{ field: 'joinedOn', key: 'import.joinedTooYoung' }]);
  });
});

describe('files built to exhaust the server', () => {
  it('a 1 MB file whose sheet inflates to 369 MB is refused before anything is inflated, naming the cause', async () => {
    const bomb = await emptyRowsBombXlsx(369);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const message = await refusal(read(bomb));
    expect(message).toBe(`文件解压后超过 ${XLSX_INFLATED_MAX / 1024 / 1024} MB，不予读取（可能含大量空白格式或为压缩炸弹）；请只保留名册数据另存后再导入`);
  }, 120_000);

  it('a part that lies about its size is stopped where the lie ends', async () => {
    const liar = await bombXlsx(20_000, { declare: 100_000 });
    expect(await refusal(read(liar))).toBe('无法读取该文件，请使用下载的模板');
  }, 60_000);

  it('reading stops at the row cap', async () => {
    const many = await bombXlsx(5_000);
    expect(await refusal(read(many, 'roster.xlsx', { maxRows: 1_000, inflatedBytes: XLSX_INFLATED_MAX }))).toBe('一次最多导入 1000 行');
    expect(MAX_ROWS).toBe(200_000);
  });

  it('the inflated budget counts every part', async () => {
    const small = await bombXlsx(5_000); // ≈ 1.5 MB inflated
    expect(await refusal(read(small, 'roster.xlsx', { maxRows: MAX_ROWS, inflatedBytes: 1024 * 1024 }))).toBe(
      '文件解压后超过 1 MB，不予读取（可能含大量空白格式或为压缩炸弹）；请只保留名册数据另存后再导入',
    );
  });

  it('HEADER is the template header', () => {
    expect(HEADER.slice(0, 5)).toEqual(['姓名', '身份证号', '手机号', '职业', '会员类别']);
  });
});
