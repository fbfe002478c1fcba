import { describe, expect, it } from 'vitest';
import type { RosterField } from '@lianxin/contracts';
import { plainlyValid, schemaVerdict } from '../src/features/members/members.import.ts';
import { newCreditCode, newIdNumber, newPhone } from './support/fixtures.ts';

const TODAY = '2026-11-22';

const base = (): Record<RosterField, string> => ({
  name: '王小明', idNumber: newIdNumber(), phone: newPhone(), occupation: '网约送餐员', category: 'informal', creditCode: '', joinedOn: '2024-03-01',
});

/** Values that sit on or next to the edge of each rule. */
const edges: Record<RosterField, string[]> = {
  name: ['', ' ', '王', ' 王 ', '王五', ' 王五 ', '欧阳'.repeat(15), '欧阳'.repeat(15) + '修', 'A b'],
  idNumber: ['', '31011519900101123', '310115199001011230', '31011519900101123x', ' 11010519491231002X ', '11010519491231002x',
    '110105194912310021', '990105194912310020', '110105189912310024', '110105209912310022', '110105199002300028'],
  phone: ['', '13800138000', ' 13800138000 ', '12800138000', '1380013800', '138001380000', '+8613800138000'],
  occupation: ['', 'rider', 'RIDER', '快递员', '外卖员', ' rider', 'astronaut'],
  category: ['', 'standard', '非正规就业', 'Informal', '单位未建会', 'other'],
  creditCode: ['', ' ', newCreditCode(), newCreditCode().toLowerCase(), ` ${newCreditCode()} `, '91310113MA1GK0000X', '123'],
  joinedOn: ['', '2024-02-29', '2023-02-29', '2024/1/5', '2024年1月5日', '20240105', TODAY, '2026-11-23', '1899-12-31', '0001-01-01',
    '2024-13-01', '2024-04-31', ' 2024-01-05', '9999-12-31'],
};

describe('the roster fast path', () => {
  it('accepts only rows the schema accepts, with the same values', () => {
    const rows: Record<RosterField, string>[] = [];
    for (const field of Object.keys(edges) as RosterField[]) {
      for (const value of edges[field]) rows.push({ ...base(), [field]: value });
    }
    for (let i = 0; i < 300; i++) {
      const row = base();
      for (const field of Object.keys(edges) as RosterField[]) {
        if (i % 3 === 0) row[field] = edges[field][(i * 7 + field.length) % edges[field].length]!;
      }
      rows.push(row);
    }
    let fast = 0;
    for (const row of rows) {
      const plain = plainlyValid(row, TODAY);
      const verdict = schemaVerdict(row, TODAY);
      if (plain !== null) {
        fast++;
        expect(verdict.success, JSON.stringify(row)).toBe(true);
        expect(plain).toEqual(verdict.data);
      }
    }
    // and it is the path the ordinary rows take
    expect(fast).toBeGreaterThan(rows.length / 2);
    expect(plainlyValid(base(), TODAY)).not.toBeNull();
  });
});
