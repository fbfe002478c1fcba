import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { CoverageChild, CoverageTrend } from '@lianxin/contracts';
import { coverageRateHex, shortUnitName, toPercent } from './coverage-format.ts';

/** The options the cockpit's charts use (only these components are registered). */
export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | MarkLineComponentOption
>;

/** Bars at most: the federations and joint unions with the most target enterprises (the API sends no more). */
export const MAX_BARS = 20;
const AXIS_LABEL_CHARS = 8;
const TARGET_LINE_COLOUR = '#c8102e';

/**
 * The children worth a bar: those with target enterprises, the largest first, at most `limit`. The cockpit passes
 * the API's `chart` (federations and joint unions only — an enterprise union covers its own enterprise, 100 % by
 * definition, nothing a chair can act on).
 */
export function topChildren(children: readonly CoverageChild[], limit = MAX_BARS): CoverageChild[] {
  return children
    .filter((c) => c.targetEnterprises > 0)
    .sort((a, b) => b.targetEnterprises - a.targetEnterprises || a.org.name.localeCompare(b.org.name, 'zh-CN'))
    .slice(0, limit);
}

function truncate(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, chars)}…` : text;
}

export interface RateBarText {
  /** the series' name, e.g. "建会率" */
  rateName: string;
  /** tooltip line of the rate, e.g. "建会率：97.5%" */
  rate: (percent: number) => string;
  /** e.g. "目标 88%" */
  targetLabel: (percent: number) => string;
  /** tooltip line, e.g. "已建会 468 / 目标企业 480" */
  detail: (covered: number, target: number) => string;
}

/** A bar per child unit: its 建会率 coloured by the 建会率's status against the child's target, the unit's own target as a dashed line. */
export function rateBarOption(unitName: string, children: readonly CoverageChild[], target: number | null, text: RateBarText): ChartOption {
  const shown = topChildren(children);
  const names = shown.map((c) => shortUnitName(c.org.name, unitName));
  const series: BarSeriesOption = {
    type: 'bar',
    name: text.rateName,
    barMaxWidth: 36,
    data: shown.map((c) => ({ value: toPercent(c.coverageRate), itemStyle: { color: coverageRateHex(c) }, orgId: c.org.id })),
  };
  if (target !== null) {
    series.markLine = {
      symbol: 'none',
      silent: true,
      lineStyle: { type: 'dashed', color: TARGET_LINE_COLOUR, width: 1.5 },
      label: { formatter: text.targetLabel(toPercent(target)), position: 'end', color: TARGET_LINE_COLOUR },
      data: [{ yAxis: toPercent(target) }],
    };
  }
  return {
    // room on the right for the target line's label
    grid: { left: 48, right: target === null ? 24 : 72, top: 28, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = Array.isArray(params) ? (params[0] as { dataIndex?: number } | undefined) : undefined;
        const child = first?.dataIndex === undefined ? undefined : shown[first.dataIndex];
        if (!child) return '';
        return `${escapeHtml(child.org.name)}<br/>${text.rate(toPercent(child.coverageRate))}<br/>${text.detail(child.coveredTargetEnterprises, child.targetEnterprises)}`;
      },
    },
    xAxis: {
      type: 'category',
      data: names,
      axisLabel: { interval: 0, rotate: names.length > 6 ? 35 : 0, formatter: (value: string) => truncate(value, AXIS_LABEL_CHARS) },
    },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [series],
  };
}

export interface TrendText {
  coverage: string;
  membership: string;
  period: (period: string) => string;
  targetLabel: (percent: number) => string;
}

/** 建会率 and 入会率 month by month, oldest first, with the coverage target as a dashed line. */
export function trendOption(points: CoverageTrend['points'], target: number | null, text: TrendText): ChartOption {
  const coverage: LineSeriesOption = {
    type: 'line',
    name: text.coverage,
    smooth: true,
    symbolSize: 6,
    itemStyle: { color: '#c8102e' },
    data: points.map((p) => toPercent(p.coverageRate)),
  };
  if (target !== null) {
    coverage.markLine = {
      symbol: 'none',
      silent: true,
      lineStyle: { type: 'dashed', color: TARGET_LINE_COLOUR, width: 1 },
      // at the start (the latest points, at the end, tend to sit on the target), on the side of the line the
      // first 建会率 point is not on: above the target that point would run through the label
      label: {
        formatter: text.targetLabel(toPercent(target)),
        position: (points[0]?.coverageRate ?? 0) >= target ? 'insideStartBottom' : 'insideStartTop',
        color: TARGET_LINE_COLOUR,
      },
      data: [{ yAxis: toPercent(target) }],
    };
  }
  const membership: LineSeriesOption = {
    type: 'line',
    name: text.membership,
    smooth: true,
    symbolSize: 6,
    itemStyle: { color: '#1677ff' },
    data: points.map((p) => toPercent(p.membershipRate)),
  };
  return {
    grid: { left: 48, right: 24, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? `${value}%` : String(value)) },
    xAxis: { type: 'category', boundaryGap: false, data: points.map((p) => text.period(p.period)) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [coverage, membership],
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
