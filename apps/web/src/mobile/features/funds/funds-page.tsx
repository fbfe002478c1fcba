import { useState } from 'react';
import { Navigate } from 'react-router-dom';
import { Button, ErrorBlock, List, ProgressBar, Space } from 'antd-mobile';
import { budgetKindLabels, shanghaiDate, type MemberFunds } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { formatFen } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { MobilePage } from '../../components/mobile-page.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { SignInRequired } from '../card/card-api.ts';
import { loadMemberFunds } from './funds-api.ts';

/**
 * 经费公开 (工会法: the union reports its fund income and spending to its members): the signed-in member's union's
 * year — income and spending by account from its own books, and its budget lines with how much is spent.
 */
export default function FundsPage() {
  const { t } = useLocale();
  const thisYear = Number(shanghaiDate().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const { data, error, reload } = useApi(`member-funds:${year}`, (signal) => loadMemberFunds(year, signal));
  if (error instanceof SignInRequired) return <Navigate to="/login?next=/funds" replace />;
  return (
    <MobilePage title={t('mfunds.title')} data-testid="m-funds-page">
      {error !== undefined && !data ? (
        <ErrorBlock status="default" title={isApiError(error) ? error.message : t('app.networkError')} description={<Button size="small" onClick={reload}>{t('app.retry')}</Button>} />
      ) : !data ? (
        <PageLoading />
      ) : (
        <>
          <Space justify="between" block className="m-actions">
            <Button size="small" onClick={() => setYear(year - 1)} data-testid="m-funds-prev">{t('mfunds.previousYear')}</Button>
            <Button size="small" disabled={year >= thisYear} onClick={() => setYear(year + 1)}>{t('mfunds.nextYear')}</Button>
          </Space>
          <FundsView funds={data} />
        </>
      )}
    </MobilePage>
  );
}

function FundsView({ funds }: { funds: MemberFunds }) {
  const { t, pick } = useLocale();
  const accounts = (items: MemberFunds['income'], total: number, testId: string) => (
    <>
      {items.length === 0 && <List.Item>{t('mfunds.none')}</List.Item>}
      {items.map((a) => <List.Item key={a.code} extra={formatFen(a.amountFen)}>{a.name}</List.Item>)}
      <List.Item extra={<strong data-testid={`${testId}-total`}>{formatFen(total)}</strong>}>{t('mfunds.total')}</List.Item>
    </>
  );
  return (
    <>
      <p className="m-hint" data-testid="m-funds-intro">{t('mfunds.intro', { union: funds.union.name, year: funds.year })}</p>
      <section data-testid="m-funds-income"><List header={t('mfunds.income')}>{accounts(funds.income, funds.incomeTotalFen, 'm-funds-income')}</List></section>
      <section data-testid="m-funds-spending"><List header={t('mfunds.spending')}>{accounts(funds.spending, funds.spendingTotalFen, 'm-funds-spending')}</List></section>
      <section data-testid="m-funds-budget">
        <List header={t('mfunds.budget')}>
          {funds.budget.lines.length === 0 && <List.Item>{t('mfunds.none')}</List.Item>}
          {funds.budget.lines.map((l, i) => (
            <List.Item key={i} description={<ProgressBar percent={Math.round(l.executionRate * 100)} />}>
              <div data-testid="m-funds-budget-line">{t('mfunds.budgetLine', { name: l.name, kind: pick(budgetKindLabels[l.kind]) })}</div>
              <div className="m-hint">{t('mfunds.spentOf', { spent: formatFen(l.spentFen), budget: formatFen(l.amountFen), rate: Math.round(l.executionRate * 100) })}</div>
            </List.Item>
          ))}
        </List>
      </section>
    </>
  );
}
