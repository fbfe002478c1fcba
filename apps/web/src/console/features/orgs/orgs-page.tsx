import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card, Empty } from 'antd';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { OrgDetail } from './org-detail.tsx';
import { OrgTree } from './org-tree.tsx';

/** 组织体系: the lazily loaded tree on the left, the selected organisation on the right (?org=id). */
export default function OrgsPage() {
  const { t } = useLocale();
  const [params, setParams] = useSearchParams();
  const [defaultId, setDefaultId] = useState<number | null>(null);
  const raw = Number(params.get('org'));
  const selectedId = Number.isInteger(raw) && raw > 0 ? raw : defaultId;
  const select = useCallback((id: number) => setParams({ org: String(id) }), [setParams]);

  return (
    <div className="orgs-layout">
      <Card title={t('orgs.tree')} size="small">
        <OrgTree selectedId={selectedId} onSelect={select} onDefault={setDefaultId} />
      </Card>
      {selectedId === null ? (
        <Card>
          <Empty description={t('orgs.selectHint')} />
        </Card>
      ) : (
        <OrgDetail id={selectedId} onSelect={select} />
      )}
    </div>
  );
}
