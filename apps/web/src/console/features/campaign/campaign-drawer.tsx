import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Descriptions, Drawer, Skeleton, Space, Steps, Table, Typography } from 'antd';
import { campaignStageLabels, santongshiPhaseLabels, type CampaignHistory, type SantongshiTask } from '@lianxin/contracts';
import { formatCount, formatDate } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { useCurrentUser } from '../auth/session-context.tsx';
import { fetchCampaignItem } from './campaign-api.ts';
import { CampaignForm } from './campaign-form.tsx';
import { CampaignTimeline } from './campaign-timeline.tsx';
import { LettersPanel } from './letters-panel.tsx';
import { stageSteps } from './stage-steps.ts';
import { StageTag } from './stage-tag.tsx';
import { TaskStateTag } from './task-state-tag.tsx';

interface CampaignDrawerProps {
  enterpriseId: number | null;
  onClose: () => void;
  /** the worklist should reload; `built`: the enterprise has left it */
  onChanged: (built: boolean) => void;
}

/** One enterprise of the worklist: where it stands, the form to move it on, the letters and its history. */
export function CampaignDrawer({ enterpriseId, onClose, onChanged }: CampaignDrawerProps) {
  const { t } = useLocale();
  // the enterprise stays on show while the drawer slides out
  const [shownId, setShownId] = useState(enterpriseId);
  if (enterpriseId !== null && enterpriseId !== shownId) setShownId(enterpriseId);
  return (
    <Drawer open={enterpriseId !== null} onClose={onClose} title={t('campaign.drawerTitle')} size={760} destroyOnHidden>
      {shownId !== null && (
        <CampaignBody
          key={shownId}
          enterpriseId={shownId}
          onChanged={(built) => {
            onChanged(built);
            if (built) onClose();
          }}
        />
      )}
    </Drawer>
  );
}

function CampaignBody({ enterpriseId, onChanged }: { enterpriseId: number; onChanged: (built: boolean) => void }) {
  const { t, locale, pick } = useLocale();
  const user = useCurrentUser();
  const { data, error, reload } = useApi(`campaign-item:${enterpriseId}`, (signal) => fetchCampaignItem(enterpriseId, signal));
  if (error !== undefined && !data) return <ErrorResult error={error} onRetry={reload} />;
  if (!data) return <Skeleton active />;
  const history: CampaignHistory = data;
  const { item } = history;
  const steps = stageSteps(item.stage, history.events);
  const refused = item.stage === 'refused';

  return (
    <div data-testid="campaign-drawer">
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="campaign-enterprise">
          {item.name}
        </Typography.Title>
        <StageTag stage={item.stage} />
      </Space>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'creditCode', label: t('enterprises.col.creditCode'), children: <span className="mono">{item.creditCode}</span> },
          { key: 'employees', label: t('enterprises.col.employees'), children: formatCount(item.employeeCount, locale) },
          { key: 'responsible', label: t('campaign.col.responsibleOrg'), children: item.responsibleOrg.name },
          { key: 'outside', label: t('enterprise.workersJoinedOutside'), children: formatCount(item.workersJoinedOutside, locale) },
          { key: 'detail', label: t('enterprise.detail'), children: <Link to={`/enterprises/${item.enterpriseId}`}>{t('campaign.openEnterprise')}</Link> },
        ]}
      />
      <Steps
        size="small"
        current={steps.current}
        status={steps.status}
        style={{ marginBottom: 20 }}
        items={steps.stages.map((s) => ({ title: pick(campaignStageLabels[s]) }))}
        data-testid="campaign-steps"
      />
      {user.canWrite ? (
        <CampaignForm
          key={JSON.stringify(item)}
          item={item}
          onSaved={(_, built) => {
            onChanged(built);
            if (!built) reload();
          }}
        />
      ) : (
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'assignee', label: t('campaign.assignee'), children: item.assignee?.name ?? t('app.none') },
            { key: 'followUp', label: t('campaign.nextFollowUpOn'), children: formatDate(item.nextFollowUpOn) },
            { key: 'notes', label: t('campaign.notes'), children: item.notes || t('app.none') },
          ]}
        />
      )}
      {(refused || history.letters.length > 0) && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('campaign.letters.title')}
          </Typography.Title>
          <LettersPanel
            enterpriseId={item.enterpriseId}
            letters={history.letters}
            canIssue={refused && user.canWrite}
            onIssued={() => {
              reload();
              onChanged(false);
            }}
          />
        </>
      )}
      {history.tasks.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('santongshi.title')}
          </Typography.Title>
          <Table<SantongshiTask>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={history.tasks}
            columns={[
              { key: 'phase', title: t('santongshi.col.phase'), render: (_, task) => pick(santongshiPhaseLabels[task.phase]) },
              { key: 'dueOn', title: t('santongshi.col.dueOn'), width: 110, render: (_, task) => formatDate(task.dueOn) },
              {
                key: 'state',
                title: t('santongshi.col.state'),
                width: 140,
                render: (_, task) => <TaskStateTag task={task} />,
              },
            ]}
          />
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('campaign.history')}
      </Typography.Title>
      <CampaignTimeline events={history.events} />
    </div>
  );
}
