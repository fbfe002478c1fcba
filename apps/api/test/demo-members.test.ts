import { describe, expect, it } from 'vitest';
import { shanghaiRegions } from '@lianxin/db';
import { demoStreetRate } from '../src/features/members/demo-members.ts';

describe('demo membership rates', () => {
  it('give 顾村 its 86 % and every other street a rate of its own between 55 % and 92 %, the same on every start', () => {
    expect(demoStreetRate('310113109')).toBe(0.86);
    const streets = shanghaiRegions.filter((r) => r.level === 'street').map((r) => r.code);
    expect(streets.length).toBeGreaterThan(200);
    const rates = streets.filter((c) => c !== '310113109').map(demoStreetRate);
    for (const rate of rates) {
      expect(rate).toBeGreaterThanOrEqual(0.55);
      expect(rate).toBeLessThanOrEqual(0.92);
    }
    expect(new Set(rates.map((r) => r.toFixed(2))).size).toBeGreaterThan(20);
    expect(streets.map(demoStreetRate)).toEqual(streets.map(demoStreetRate));
  });
});
