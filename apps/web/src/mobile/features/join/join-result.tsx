import { useNavigate } from 'react-router-dom';
import { Button, List, Result, Space } from 'antd-mobile';
import type { ApplicationCreated } from '@lianxin/contracts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';

/** After submitting: where the application went and why, and the reference to check it with. */
export function JoinResult({ created, phone }: { created: ApplicationCreated; phone: string }) {
  const { t } = useLocale();
  const navigate = useNavigate();
  return (
    <div data-testid="join-result">
      <Result status="success" title={t('join.submitted')} description={<span className="m-reason" data-testid="join-reason">{created.reason}</span>} />
      <List mode="card" className="m-result-list">
        <List.Item extra={<span className="m-reference" data-testid="join-reference">{created.reference}</span>}>{t('join.reference')}</List.Item>
        <List.Item extra={created.routedTo.name}>{t('join.routedTo')}</List.Item>
      </List>
      <p className="m-hint m-hint-block">{t('join.referenceHint')}</p>
      <Space direction="vertical" block className="m-actions">
        <Button
          block
          color="primary"
          size="large"
          onClick={() => void navigate('/status', { state: { reference: created.reference, phone } })}
          data-testid="join-check-status"
        >
          {t('join.checkStatus')}
        </Button>
        <Button block size="large" onClick={() => void navigate('/')}>
          {t('app.backHome')}
        </Button>
      </Space>
    </div>
  );
}
