import { describe, expect, it } from 'vitest';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { CoverageChild } from '@lianxin/contracts';
import { MAX_BARS, rateBarOption, topChildren, trendOption } from './chart-options.ts';

function child(id: number, name: string, target: number, covered: number, status: CoverageChild['status'] = 'met', membershipRate = 0): CoverageChild {
  return {
    org: { id, name, kind: 'street_federation', regionCode: '310113109' },
    enterprises: target * 3,
    coveredEnterprises: covered * 2,
    targetEnterprises: target,
    coveredTargetEnterprises: covered,
    coverageRate: target > 0 ? covered / target : 0,
    employeesInCovered: 0,
    members: 0,
    membershipRate,
    liangFeiYiWuMembers: 0,
    target: { coverageRate: 0.88, membershipRate: 0.8, inheritedFrom: null },
    status,
  };
}

const barText = { rateName: '建会率', rate: (p: number) => `建会率：${p}%`, targetLabel: (p: number) => `目标 ${p}%`, detail: (c: number, t: number) => `${c}/${t}` };

describe('chart options', () => {
  it('charts at most 20 children with target enterprises, the largest first', () => {
    const many = Array.from({ length: 30 }, (_, i) => child(i + 1, `单位${i + 1}`, i, i));
    const top = topChildren(many);
    expect(top).toHaveLength(MAX_BARS);
    expect(top[0]?.org.id).toBe(30);
    expect(top.every((c) => c.targetEnterprises > 0)).toBe(true);
    expect(topChildren([child(1, '甲', 0, 0)])).toEqual([]);
  });

  it('draws the coverage rate per child in percent, coloured by the rate\'s own status, with the target line', () => {
    const option = rateBarOption(
      '宝山区总工会',
      // 杨行: 建会率 met, 入会率 behind (the unit is behind; its 建会率 bar is green)
      [child(1, '宝山区杨行镇总工会', 398, 386, 'behind', 0.5), child(2, '宝山区顾村镇总工会', 468, 400, 'behind', 0.9)],
      0.88,
      barText,
    );
    const xAxis = option.xAxis as { data: string[] };
    expect(xAxis.data).toEqual(['顾村镇总工会', '杨行镇总工会']);
    const series = (option.series as BarSeriesOption[])[0];
    const data = series?.data as { value: number; itemStyle: { color: string } }[];
    expect(data.map((d) => d.value)).toEqual([85.47, 96.98]);
    // 顾村: 85.5 % against 88 % is near (orange), though its unit status is behind
    expect(data[0]?.itemStyle.color).toBe('#fa8c16');
    expect(data[1]?.itemStyle.color).toBe('#52c41a');
    expect(series?.markLine?.data).toEqual([{ yAxis: 88 }]);
  });

  it('leaves the target line out when no target applies', () => {
    const option = rateBarOption('宝山区总工会', [child(1, '甲', 10, 5)], null, barText);
    expect((option.series as BarSeriesOption[])[0]?.markLine).toBeUndefined();
  });

  it('draws both rates month by month', () => {
    const points = [
      { period: '2026-10', targetEnterprises: 468, coveredTargetEnterprises: 440, coverageRate: 0.94017, members: 1300, membershipRate: 0.0264 },
      { period: '2026-11', targetEnterprises: 468, coveredTargetEnterprises: 468, coverageRate: 1, members: 1371, membershipRate: 0.02787 },
    ] as const;
    const text = { coverage: '建会率', membership: '入会率', period: (p: string) => p.replace('-', '/'), targetLabel: (p: number) => `目标 ${p}%` };
    const option = trendOption([...points], 0.9, text);
    expect((option.xAxis as { data: string[] }).data).toEqual(['2026/10', '2026/11']);
    const [coverage, membership] = option.series as LineSeriesOption[];
    expect(coverage?.data).toEqual([94.02, 100]);
    expect(membership?.data).toEqual([2.64, 2.79]);
    expect(coverage?.markLine?.data).toEqual([{ yAxis: 90 }]);
    // the first point (94 %) is above the target: the label goes under the dashed line, clear of the rate's line
    expect(coverage?.markLine?.label?.position).toBe('insideStartBottom');
    const below = trendOption([{ ...points[0], coverageRate: 0.8 }], 0.9, text);
    expect((below.series as LineSeriesOption[])[0]?.markLine?.label?.position).toBe('insideStartTop');
  });
});
