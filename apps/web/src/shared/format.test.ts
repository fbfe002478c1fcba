import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatFen, formatPercent } from './format.ts';

describe('format', () => {
  it('shows instants in Shanghai time whatever the runtime zone', () => {
    expect(formatDateTime('2026-03-05T16:30:00Z')).toBe('2026-03-06 00:30:00');
    expect(formatDateTime(null)).toBe('—');
  });

  it('keeps calendar dates as stored and converts instants to their Shanghai date', () => {
    expect(formatDate('2019-12-31')).toBe('2019-12-31');
    expect(formatDate('2019-12-31T17:00:00Z')).toBe('2020-01-01');
  });

  it('computes a rate with one decimal and no rate without a base', () => {
    expect(formatPercent(86, 100)).toBe('86.0%');
    expect(formatPercent(1, 0)).toBe('—');
  });

  it('shows fen as yuan with two decimals and thousands separators, sign first', () => {
    expect(formatFen(3000)).toBe('¥30.00');
    expect(formatFen(2_228_570_936)).toBe('¥22,285,709.36');
    expect(formatFen(-100_050)).toBe('-¥1,000.50');
    expect(formatFen(5)).toBe('¥0.05');
  });
});
