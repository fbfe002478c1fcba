import { useState } from 'react';
import { Alert, App, Button, Form, InputNumber, Select, Skeleton, Switch, Typography } from 'antd';
import { ownershipTypes, targetRuleSchema, ownershipLabels, type TargetRule } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { fieldsNamed, splitFieldErrors, validateWith } from '../../../shared/schema-errors.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { fetchTargetRule, saveTargetRule } from './coverage-api.ts';
import { sameRule } from './target-values.ts';

/** What counts as a 建会目标企业, citywide; city staff change it and every enterprise is re-evaluated. */
export function TargetRuleForm({ onSaved }: { onSaved: () => void }) {
  const { data, error, reload } = useApi('target-rule', (signal) => fetchTargetRule(signal));
  if (error !== undefined && !data) return <ErrorResult error={error} onRetry={reload} />;
  if (!data) return <Skeleton active />;
  return <RuleForm rule={data} onSaved={onSaved} />;
}

const RULE_FIELDS = ['ownerships', 'dualRealOnly', 'minEmployees', 'minYearsOpen'] as const;

function RuleForm({ rule, onSaved }: { rule: TargetRule; onSaved: () => void }) {
  const { t, locale, pick, clauses } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<TargetRule>();
  const [saved, setSaved] = useState(rule);
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const showErrors = (fields: Record<string, string>) => {
    const { placed, unplaced } = splitFieldErrors(fields, fieldsNamed(RULE_FIELDS));
    form.setFields(placed);
    return unplaced;
  };

  const submit = async (values: TargetRule) => {
    setProblem(null);
    const checked = validateWith(targetRuleSchema, values, locale);
    if (!checked.ok) {
      const rest = showErrors(checked.fields);
      if (rest.length > 0) setProblem(clauses(rest));
      return;
    }
    if (sameRule(checked.data, saved)) {
      void message.info(t('enterprise.noChanges'));
      return;
    }
    setSubmitting(true);
    try {
      const result = await saveTargetRule(checked.data);
      setSaved(result.rule);
      void message.success(t('targets.rule.saved', { changed: result.changed }));
      onSaved();
    } catch (e) {
      if (!isApiError(e)) setProblem(t('app.networkError'));
      else {
        const rest = showErrors(e.fields);
        setProblem(clauses([e.message, ...rest]));
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form<TargetRule> form={form} layout="vertical" initialValues={rule} onFinish={(values) => void submit(values)} disabled={submitting} data-testid="target-rule-form">
      <Typography.Paragraph type="secondary">{t('targets.rule.hint')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form.Item name="ownerships" label={t('targets.rule.ownerships')} required>
        <Select mode="multiple" options={ownershipTypes.map((o) => ({ value: o, label: pick(ownershipLabels[o]) }))} />
      </Form.Item>
      <Form.Item name="dualRealOnly" label={t('targets.rule.dualRealOnly')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="minEmployees" label={t('targets.rule.minEmployees')} required>
          <InputNumber min={0} max={100_000} precision={0} suffix={t('targets.rule.people')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="minYearsOpen" label={t('targets.rule.minYearsOpen')} required>
          <InputNumber min={0} max={50} precision={0} suffix={t('targets.rule.years')} style={{ width: 160 }} />
        </Form.Item>
      </div>
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="target-rule-save">
        {t('targets.rule.save')}
      </Button>
    </Form>
  );
}
