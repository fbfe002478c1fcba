import { Card, Col, Row, Statistic } from 'antd';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { fetchFigures } from './requests-api.ts';

/** The unit's request figures (cockpit): received, resolved, on time, median working days, satisfaction, overdue now. */
export function FiguresBar({ orgId }: { orgId: number }) {
  const { t } = useLocale();
  const { data } = useApi(`request-figures-${orgId}`, (signal) => fetchFigures(orgId, signal));
  if (!data) return null;
  const cells = [
    { key: 'received', value: data.received },
    { key: 'resolved', value: data.resolved },
    { key: 'onTime', value: data.onTimeRate === null ? '—' : `${(data.onTimeRate * 100).toFixed(1)}%` },
    { key: 'median', value: data.medianWorkingDays ?? '—' },
    { key: 'satisfaction', value: data.satisfaction ?? '—' },
    { key: 'overdue', value: data.overdueNow },
  ] as const;
  return (
    <Card size="small" data-testid="request-figures">
      <Row gutter={16}>
        {cells.map((c) => (
          <Col key={c.key} span={4}>
            <Statistic title={t(`requests.figures.${c.key}`)} value={c.value} valueStyle={c.key === 'overdue' && data.overdueNow > 0 ? { color: '#cf1322' } : undefined} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
