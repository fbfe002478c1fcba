import { useState } from 'react';
import { App, Button, Card, Input, List, Popconfirm, Select, Space, Tabs, Tag, Typography } from 'antd';
import { serviceListKindLabels, serviceListKinds, type ServiceListKind } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { addServiceItem, fetchServiceLists, removeServiceItem } from './stations-api.ts';

/**
 * The unit's 服务清单 / 责任清单 / 资源清单: its items by list and category, the city's templates to adopt, and a line
 * to add its own item.
 */
export function ServiceListsCard({ orgId, canWrite }: { orgId: number; canWrite: boolean }) {
  const { t, pick } = useLocale();
  const { message } = App.useApp();
  const { data, reload } = useApi(`service-lists-${orgId}`, (signal) => fetchServiceLists(orgId, signal));
  const [draft, setDraft] = useState<{ list: ServiceListKind; category: string; title: string }>({ list: 'service', category: '', title: '' });
  const act = async (run: () => Promise<unknown>) => {
    try {
      await run();
      reload();
    } catch (e) {
      void message.error(isApiError(e) ? (Object.values(e.fields)[0] ?? e.message) : t('app.networkError'));
    }
  };
  const tabs = serviceListKinds.map((list) => ({
    key: list,
    label: pick(serviceListKindLabels[list]),
    children: (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <List
          size="small"
          dataSource={(data?.items ?? []).filter((i) => i.list === list)}
          locale={{ emptyText: t('stations.lists.empty') }}
          renderItem={(i) => (
            <List.Item actions={canWrite ? [
              <Popconfirm key="remove" title={t('stations.lists.removeConfirm')} onConfirm={() => void act(() => removeServiceItem(i.id))}>
                <Typography.Link type="danger">{t('stations.lists.remove')}</Typography.Link>
              </Popconfirm>,
            ] : []}>
              <Tag>{i.category}</Tag> {i.title} {i.templateId !== null && <Tag color="blue">{t('stations.lists.fromTemplate')}</Tag>}
            </List.Item>
          )}
        />
        {canWrite && (
          <Typography.Text type="secondary">{t('stations.lists.templates')}</Typography.Text>
        )}
        {canWrite && (data?.templates ?? []).filter((x) => x.list === list && !x.adopted).map((x) => (
          <Space key={x.id}>
            <Tag>{x.category}</Tag>{x.title}
            <Button size="small" data-testid="service-template-adopt"
              onClick={() => void act(() => addServiceItem({ orgId, list, category: x.category, title: x.title, description: x.description, templateId: x.id }))}>
              {t('stations.lists.adopt')}
            </Button>
          </Space>
        ))}
      </Space>
    ),
  }));
  return (
    <Card size="small" title={t('stations.lists.title')} data-testid="service-lists">
      <Tabs items={tabs} onChange={(k) => setDraft((d) => ({ ...d, list: k as ServiceListKind }))} />
      {canWrite && (
        <Space wrap>
          <Select style={{ width: 140 }} value={draft.list} onChange={(list: ServiceListKind) => setDraft((d) => ({ ...d, list }))}
            options={serviceListKinds.map((l) => ({ value: l, label: pick(serviceListKindLabels[l]) }))} />
          <Input style={{ width: 140 }} placeholder={t('stations.lists.category')} value={draft.category} maxLength={40} onChange={(e) => setDraft((d) => ({ ...d, category: e.target.value }))} />
          <Input style={{ width: 280 }} placeholder={t('stations.lists.itemTitle')} value={draft.title} maxLength={100} onChange={(e) => setDraft((d) => ({ ...d, title: e.target.value }))} />
          <Button onClick={() => void act(async () => {
            await addServiceItem({ orgId, ...draft });
            setDraft((d) => ({ ...d, category: '', title: '' }));
          })}>{t('stations.lists.add')}</Button>
        </Space>
      )}
    </Card>
  );
}
