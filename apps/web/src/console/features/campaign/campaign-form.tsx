import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Radio, Select } from 'antd';
import { campaignStages, campaignUpdateSchema, campaignStageLabels, type CampaignHistory, type WorklistItem } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { splitFieldErrors, validateWith } from '../../../shared/schema-errors.ts';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { fetchAssignees, updateCampaignItem } from './campaign-api.ts';
import { campaignFieldOf, campaignUpdateBody, initialCampaignValues, type CampaignFormValues } from './campaign-form-values.ts';
import { DateInput } from '../../components/date-input.tsx';

interface CampaignFormProps {
  item: WorklistItem;
  /** saved; `built` when the enterprise now has its union (and left the worklist) */
  onSaved: (history: CampaignHistory, built: boolean) => void;
}

/** Stage, assignee, next follow-up and notes; 已建会 asks for the union: a new enterprise union or an existing one. */
export function CampaignForm({ item, onSaved }: CampaignFormProps) {
  const { t, locale, pick, clauses, aside } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<CampaignFormValues>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const assignees = useApi('campaign-assignees', (signal) => fetchAssignees(signal));
  const stage = Form.useWatch('stage', form);
  const unionMode = Form.useWatch('unionMode', form);
  const parentId = Form.useWatch('unionParentId', form);
  const building = stage === 'built' && item.stage !== 'built';

  const showErrors = (fields: Record<string, string>, fallback?: string) => {
    const mode = form.getFieldValue('unionMode') as CampaignFormValues['unionMode'];
    const { placed, unplaced } = splitFieldErrors(fields, (path) => campaignFieldOf(path, mode));
    form.setFields(placed);
    const rest = [...unplaced, ...(placed.length === 0 && fallback ? [fallback] : [])];
    setProblem(rest.length > 0 ? clauses(rest) : null);
  };

  const submit = async (values: CampaignFormValues) => {
    setProblem(null);
    const body = campaignUpdateBody(item, values);
    if (Object.keys(body).length === 0) {
      void message.info(t('enterprise.noChanges'));
      return;
    }
    const checked = validateWith(campaignUpdateSchema, body, locale);
    if (!checked.ok) return showErrors(checked.fields);
    setSubmitting(true);
    try {
      const history = await updateCampaignItem(item.enterpriseId, checked.data);
      const built = checked.data.stage === 'built';
      void message.success(built ? t('campaign.builtDone', { name: item.name }) : t('enterprise.saved'));
      onSaved(history, built);
    } catch (error) {
      if (isApiError(error)) showErrors(error.fields, error.message);
      else setProblem(t('app.networkError'));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form<CampaignFormValues>
      form={form}
      layout="vertical"
      initialValues={initialCampaignValues(item)}
      onFinish={(values) => void submit(values)}
      disabled={submitting}
      data-testid="campaign-form"
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="campaign-form-error" />}
      <div className="form-row">
        <Form.Item name="stage" label={t('campaign.stage')} style={{ minWidth: 180 }}>
          <Select options={campaignStages.map((s) => ({ value: s, label: pick(campaignStageLabels[s]) }))} data-testid="campaign-stage" />
        </Form.Item>
        <Form.Item name="assigneeId" label={t('campaign.assignee')} style={{ flex: 1, minWidth: 220 }}>
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={assignees.loading}
            placeholder={t('campaign.assigneePlaceholder')}
            options={(assignees.data ?? []).map((a) => ({ value: a.id, label: aside(a.name, a.orgName) }))}
            data-testid="campaign-assignee"
          />
        </Form.Item>
        <Form.Item name="nextFollowUpOn" label={t('campaign.nextFollowUpOn')}>
          <DateInput width={170} testId="campaign-follow-up" />
        </Form.Item>
      </div>
      <Form.Item name="notes" label={t('campaign.notes')}>
        <Input.TextArea rows={3} maxLength={2000} showCount data-testid="campaign-notes" />
      </Form.Item>
      {building && (
        <Card size="small" title={t('campaign.union.title')} className="union-choice" data-testid="union-choice">
          <Form.Item name="unionMode">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'new', label: t('campaign.union.new') },
                { value: 'existing', label: t('campaign.union.existing') },
              ]}
              data-testid="union-mode"
            />
          </Form.Item>
          {unionMode === 'existing' ? (
            <Form.Item name="existingOrgId" label={t('campaign.union.existingOrg')} extra={t('campaign.union.existingHint')} required>
              <OrgTreeSelect placeholder={t('campaign.union.existingPlaceholder')} data-testid="union-existing" />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="unionName" label={t('campaign.union.name')} required>
                <Input maxLength={100} data-testid="union-name" />
              </Form.Item>
              <Form.Item name="unionParentId" label={t('campaign.union.parent')} required>
                <OrgTreeSelect valueLabel={parentId === item.responsibleOrg.id ? item.responsibleOrg.name : undefined} data-testid="union-parent" />
              </Form.Item>
              <Form.Item name="chairName" label={t('campaign.union.chairName')}>
                <Input maxLength={30} data-testid="union-chair" />
              </Form.Item>
            </>
          )}
        </Card>
      )}
      <Button type="primary" htmlType="submit" loading={submitting} style={{ marginTop: 12 }} data-testid="campaign-save">
        {t('enterprise.save')}
      </Button>
    </Form>
  );
}
