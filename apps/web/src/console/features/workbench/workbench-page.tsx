import { Link } from 'react-router-dom';
import { Card, Col, Empty, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { WorkbenchItem, WorkbenchResponse } from '@lianxin/contracts';
import { api } from '../../../shared/api-client.ts';
import type { DictKey } from '../../../shared/i18n/dictionary.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { LoadErrorAlert } from '../../components/error-result.tsx';
import { formatCount } from '../../../shared/format.ts';

const fetchWorkbench = (signal: AbortSignal) => api.get<WorkbenchResponse>('/api/workbench', undefined, signal);

/** The dictionary key of an item's title: `workbench.kind.<kind>`; a kind a newer module adds shows as its name. */
export function kindKey(kind: string): DictKey | null {
  const key = `workbench.kind.${kind}`;
  return key in KNOWN ? (key as DictKey) : null;
}
const KNOWN: Record<string, true> = {
  'workbench.kind.applications.pending': true,
  'workbench.kind.transfers.incoming': true,
  'workbench.kind.campaign.followUps': true,
  'workbench.kind.santongshi.due': true,
  'workbench.kind.imports.finished': true,
  'workbench.kind.requests.mine': true,
  'workbench.kind.requests.queue': true,
  'workbench.kind.requests.overdue': true,
  'workbench.kind.rights.majorWarnings': true,
  'workbench.kind.rights.mediationDeadlines': true,
  'workbench.kind.bargaining.expiring': true,
  'workbench.kind.rights.consultationsDue': true,
};

/** Items with something waiting first, the overdue ones before the rest; the order within stays the server's. */
export function workbenchOrder(items: readonly WorkbenchItem[]): WorkbenchItem[] {
  const rank = (i: WorkbenchItem) => (i.overdue > 0 ? 0 : i.dueToday > 0 ? 1 : i.count > 0 ? 2 : 3);
  return items.map((item, index) => ({ item, index })).sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index).map((x) => x.item);
}

/** 工作台: the actor's work for today across modules — counts, due today, overdue — each linking to its filtered list. */
export default function WorkbenchPage() {
  const { t, locale } = useLocale();
  const { data, error, loading, reload } = useApi('workbench', fetchWorkbench);

  return (
    <>
      <div className="page-header">
        <Typography.Title level={4}>{t('workbench.title')}</Typography.Title>
        {data && <Typography.Text type="secondary">{t('workbench.today', { date: data.today })}</Typography.Text>}
      </div>
      {error !== undefined && <LoadErrorAlert error={error} onRetry={reload} />}
      {data && data.items.length === 0 && <Empty description={t('workbench.nothing')} />}
      <Row gutter={[16, 16]} data-testid="workbench">
        {workbenchOrder(data?.items ?? []).map((item) => {
          const key = kindKey(item.kind);
          return (
            <Col key={item.kind} xs={24} md={12} xl={8}>
              <Link to={item.link} data-testid={`workbench-item-${item.kind}`} className="workbench-link">
                <Card hoverable loading={loading && !data} className={item.count === 0 ? 'workbench-card workbench-card-idle' : 'workbench-card'}>
                  <Statistic title={key ? t(key) : item.kind} value={formatCount(item.count, locale)} />
                  <Space size={4} wrap className="workbench-tags">
                    {item.overdue > 0 && <Tag color="red">{t('workbench.overdue', { n: formatCount(item.overdue, locale) })}</Tag>}
                    {item.dueToday > 0 && <Tag color="orange">{t('workbench.dueToday', { n: formatCount(item.dueToday, locale) })}</Tag>}
                    {item.count === 0 && <Typography.Text type="secondary">{t('workbench.nothing')}</Typography.Text>}
                    {item.count > 0 && <Typography.Link>{t('workbench.open')} →</Typography.Link>}
                  </Space>
                </Card>
              </Link>
            </Col>
          );
        })}
      </Row>
    </>
  );
}
