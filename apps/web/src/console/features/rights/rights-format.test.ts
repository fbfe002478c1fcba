import { describe, expect, it } from 'vitest';
import { formatBp, parseWorkers, percentToBp, signedYuanToFen, yuanToFen } from './rights-format.ts';

describe('rights formats', () => {
  it('reads yuan as exact fen', () => {
    expect(yuanToFen('1,234.56')).toBe(123456);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('19.99')).toBe(1999); // 19.99 * 100 is 1998.9999… in floating point
    expect(yuanToFen('¥ 9000000')).toBe(900_000_000);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('-5')).toBeNull();
    expect(yuanToFen('')).toBeNull();
  });
  it('shows basis points as a percentage', () => {
    expect(formatBp(550)).toBe('5.50%');
    expect(formatBp(-25)).toBe('-0.25%');
  });
  it('reads percentages as exact basis points and a loss as negative fen', () => {
    expect(percentToBp('5.5')).toBe(550);
    expect(percentToBp('4.35%')).toBe(435); // 4.35 * 100 is 434.99999… in floating point
    expect(percentToBp('-0.3')).toBe(-30);
    expect(percentToBp('-0')).toBe(0);
    expect(percentToBp('1.234')).toBeNull();
    expect(percentToBp('')).toBeNull();
    expect(signedYuanToFen('-1,000.5')).toBe(-100_050);
    expect(signedYuanToFen('19.99')).toBe(1999);
    expect(signedYuanToFen('--1')).toBeNull();
  });
  it('reads the workers, one a line', () => {
    expect(parseWorkers('张三 13800138000\n\n李四\n王五，13900139000')).toEqual([
      { name: '张三', phone: '13800138000' }, { name: '李四' }, { name: '王五', phone: '13900139000' },
    ]);
  });
});
