import { useMemo } from 'react';
import { Card, Empty } from 'antd';
import type { CoverageChild, CoverageResponse, CoverageTrend } from '@lianxin/contracts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { EChart } from '../../components/echart.tsx';
import { MAX_BARS, rateBarOption, topChildren, trendOption } from './chart-options.ts';
import { formatPeriod } from './coverage-format.ts';

interface CoverageChartsProps {
  coverage: CoverageResponse;
  trend: CoverageTrend | undefined;
  onDrill: (child: CoverageChild) => void;
}

/**
 * 建会率 of the federations and joint unions below (what a chair can act on) against the unit's target, and the
 * unit's 建会率 / 入会率 month by month.
 */
export function CoverageCharts({ coverage, trend, onDrill }: CoverageChartsProps) {
  const { t, locale, labelled } = useLocale();
  const target = coverage.target?.coverageRate ?? null;
  const bars = useMemo(() => topChildren(coverage.chart), [coverage.chart]);
  const barOption = useMemo(
    () =>
      rateBarOption(coverage.org.name, coverage.chart, target, {
        rateName: t('coverage.kpi.rate'),
        rate: (percent) => labelled(t('coverage.kpi.rate'), `${percent}%`),
        targetLabel: (percent) => t('coverage.chart.targetLine', { rate: `${percent}%` }),
        detail: (covered, all) => t('coverage.chart.barDetail', { covered, target: all }),
      }),
    [coverage.org.name, coverage.chart, target, t, labelled],
  );
  const lineOption = useMemo(
    () =>
      trendOption(trend?.points ?? [], target, {
        coverage: t('coverage.kpi.rate'),
        membership: t('coverage.kpi.membershipRate'),
        period: (p) => formatPeriod(p, locale),
        targetLabel: (percent) => t('coverage.chart.targetLine', { rate: `${percent}%` }),
      }),
    [trend, target, t, locale],
  );
  const barTitle =
    coverage.chartTotal > MAX_BARS ? t('coverage.chart.byChildTop', { count: MAX_BARS }) : t('coverage.chart.byChild');

  return (
    <div className="coverage-charts">
      <Card size="small" title={barTitle}>
        {bars.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coverage.chart.noChildren')} />
        ) : (
          <EChart
            option={barOption}
            height={340}
            onItemClick={({ dataIndex }) => {
              const child = bars[dataIndex];
              if (child) onDrill(child);
            }}
            data-testid="chart-by-child"
          />
        )}
      </Card>
      <Card size="small" title={t('coverage.chart.trend')}>
        <EChart option={lineOption} height={340} data-testid="chart-trend" />
      </Card>
    </div>
  );
}
