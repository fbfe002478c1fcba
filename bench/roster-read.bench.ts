/**
 * Reading a 200,000-row roster xlsx (the template's columns, shared strings as Excel writes them): the streaming
 * reader the import uses (`parseRoster`: yauzl + saxes, header search, cells to fields, numeric-identifier
 * flags, a yield to the event loop per inflated chunk) against a raw baseline in the same run — the sheet and the
 * shared strings inflated in one `inflateRawSync` each and parsed by saxes with handlers that only count rows
 * (the least any reader of this file must do). Needs no database.
 */
import ExcelJS from 'exceljs';
import { inflateRawSync } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { calendarDayOf, idNumberCheckChar } from '@lianxin/contracts';
import { parseRoster } from '../apps/api/src/features/members/members.import.ts';
import { fmt, timeMs } from './stats.ts';

const HEADER = ['姓名', '身份证号', '手机号', '职业', '会员类别', '所在单位统一社会信用代码', '入会日期'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏飞宇浩然俊凯佳欣怡婷雪梅琳晨阳';

async function rosterXlsx(count: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名册');
  sheet.addRow(HEADER);
  const base = Date.UTC(1965, 0, 1);
  for (let i = 0; i < count; i++) {
    const body = `310115${calendarDayOf(base + Math.floor(i / 900) * 86_400_000 * 7).replaceAll('-', '')}${String(i % 900 + 100)}`;
    sheet.addRow([
      SURNAMES.charAt(i % SURNAMES.length) + GIVEN.charAt((i * 7) % GIVEN.length), body + idNumberCheckChar(body),
      `13${String(i).padStart(9, '0')}`, '快递员', i % 2 ? '标准' : '非正规就业', '', `2024-0${1 + (i % 9)}-1${i % 10}`,
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The raw baseline: every part inflated at once from the zip's central directory, then parsed counting rows. */
function rawRead(file: Buffer): number {
  const parts = new Map<string, Buffer>();
  const end = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = file.readUInt32LE(end + 16);
  for (let n = file.readUInt16LE(end + 10); n > 0; n--) {
    const name = file.toString('utf8', at + 46, at + 46 + file.readUInt16LE(at + 28));
    const size = file.readUInt32LE(at + 20);
    const local = file.readUInt32LE(at + 42);
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    if (name === 'xl/sharedStrings.xml' || name === 'xl/worksheets/sheet1.xml') parts.set(name, inflateRawSync(file.subarray(start, start + size)));
    at += 46 + file.readUInt16LE(at + 28) + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  let rows = 0;
  for (const name of ['xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml']) {
    const parser = new SaxesParser({ position: false });
    parser.on('opentag', (tag) => {
      if (tag.name === 'row') rows++;
    });
    parser.write(parts.get(name)!.toString('utf8')).close();
  }
  return rows;
}

export async function benchRosterRead(count = 200_000, runs = 3) {
  const file = await rosterXlsx(count);
  const ours: number[] = [];
  const raw: number[] = [];
  for (let run = 0; run < runs; run++) {
    const a = await timeMs(() => parseRoster(file, 'roster.xlsx', ''));
    if (a.result.length !== count) throw new Error(`read ${a.result.length} of ${count} rows`);
    const b = await timeMs(async () => rawRead(file));
    if (b.result !== count + 1) throw new Error(`raw read ${b.result} rows`);
    ours.push(a.ms);
    raw.push(b.ms);
  }
  const best = (xs: number[]) => Math.min(...xs);
  const result = {
    rows: count,
    fileMB: file.length / 1024 / 1024,
    streamingMs: ours,
    rawMs: raw,
    streamingRowsPerS: count / (best(ours) / 1000),
    rawRowsPerS: count / (best(raw) / 1000),
    ratio: best(raw) / best(ours),
  };
  console.log(`roster read, ${count} rows, ${fmt(result.fileMB)} MB xlsx: streaming reader ${ours.map((m) => fmt(m / 1000)).join(' / ')} s ` +
    `(${fmt(result.streamingRowsPerS, 0)} rows/s), raw inflate + parse ${raw.map((m) => fmt(m / 1000)).join(' / ')} s ` +
    `(${fmt(result.rawRowsPerS, 0)} rows/s); ratio ${fmt(result.ratio)}`);
  return result;
}
