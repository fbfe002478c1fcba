import { useState } from 'react';
import { App, Button, Divider, Drawer, Popconfirm, Space, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { can, type CoverageTarget, type OrgRef } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { LoadErrorAlert } from '../../components/error-result.tsx';
import { useCurrentUser } from '../auth/session-context.tsx';
import { deleteTarget, fetchTargets } from './coverage-api.ts';
import { formatTargetRate } from './coverage-format.ts';
import { TargetFormModal } from './target-form-modal.tsx';
import { TargetRuleForm } from './target-rule-form.tsx';

interface TargetsDrawerProps {
  open: boolean;
  /** the unit shown in the cockpit: its subtree's targets are listed */
  unit: OrgRef;
  onClose: () => void;
  /** targets or the rule changed: the cockpit reloads */
  onChanged: () => void;
}

/** 目标设置: the targets of the unit's subtree with add / edit / delete; for city staff, the target-enterprise rule. */
export function TargetsDrawer({ open, unit, onClose, onChanged }: TargetsDrawerProps) {
  const { t } = useLocale();
  return (
    <Drawer open={open} onClose={onClose} title={t('targets.title', { name: unit.name })} size={760} destroyOnHidden>
      {open && <TargetsBody key={unit.id} unit={unit} onChanged={onChanged} />}
    </Drawer>
  );
}

type Editing = { mode: 'new' } | { mode: 'edit'; target: CoverageTarget } | null;

function TargetsBody({ unit, onChanged }: { unit: OrgRef; onChanged: () => void }) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const { data, error, loading, reload } = useApi(`targets:${unit.id}`, (signal) => fetchTargets(unit.id, signal));
  const [editing, setEditing] = useState<Editing>(null);

  const remove = async (target: CoverageTarget) => {
    try {
      await deleteTarget(target.id);
      void message.success(t('targets.deleted'));
      reload();
      onChanged();
    } catch (e) {
      void message.error(isApiError(e) ? e.message : t('app.networkError'));
    }
  };

  const columns: TableColumnsType<CoverageTarget> = [
    { key: 'org', title: t('targets.unit'), render: (_, r) => r.orgName },
    { key: 'dueOn', title: t('targets.dueOn'), width: 110, render: (_, r) => r.dueOn },
    { key: 'coverage', title: t('targets.coverageShort'), width: 90, align: 'right', render: (_, r) => formatTargetRate(r.coverageRate) },
    {
      key: 'membership',
      title: t('targets.membershipShort'),
      width: 90,
      align: 'right',
      render: (_, r) => (r.membershipRate === null ? t('app.none') : formatTargetRate(r.membershipRate)),
    },
    { key: 'note', title: t('targets.note'), ellipsis: true, render: (_, r) => r.note || t('app.none') },
    {
      key: 'actions',
      title: t('applications.col.actions'),
      width: 120,
      render: (_, r) => (
        <Space size={4}>
          <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', target: r })} data-testid="target-edit">
            {t('enterprise.edit')}
          </Button>
          <Popconfirm
            title={t('targets.deleteConfirm', { name: r.orgName, date: r.dueOn })}
            okText={t('targets.delete')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove(r)}
          >
            <Button type="link" size="small" danger data-testid="target-delete">
              {t('targets.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="targets-drawer">
      <div className="page-header">
        <Typography.Text type="secondary">{t('targets.hint')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'new' })} data-testid="target-new">
          {t('targets.new')}
        </Button>
      </div>
      {error !== undefined && <LoadErrorAlert error={error} onRetry={reload} />}
      <Table<CoverageTarget>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data ?? []}
        pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
      />
      <TargetFormModal
        open={editing !== null}
        target={editing?.mode === 'edit' ? editing.target : undefined}
        unit={unit}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void message.success(t('enterprise.saved'));
          reload();
          onChanged();
        }}
      />
      {can(user, 'coverage.setTargetRule') && (
        <>
          <Divider titlePlacement="start">{t('targets.rule.title')}</Divider>
          <TargetRuleForm onSaved={onChanged} />
        </>
      )}
    </div>
  );
}
