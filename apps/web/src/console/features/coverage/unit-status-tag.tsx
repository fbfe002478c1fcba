import { Tooltip } from 'antd';
import { targetStatusLabels, unitStatusParts, type TargetStatus } from '@lianxin/contracts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { formatRate, formatTargetRate } from './coverage-format.ts';
import { TargetStatusTag } from './target-status-tag.tsx';

interface UnitStatusTagProps {
  /** the unit's status as the API computed it (the worse of 建会率 and 入会率 against their targets) */
  status: TargetStatus;
  rates: { coverageRate: number; membershipRate: number };
  target: { coverageRate: number; membershipRate: number | null } | null;
  /** on a rate card: the tag says it is the unit's status (it may differ from the card's own rate), not the rate's */
  labelled?: boolean;
  'data-testid'?: string;
}

/**
 * The unit's status tag — one colour for both rates, wherever it is shown (建会率 card, 入会率 card, child table) —
 * with a tooltip giving each rate against its target and which rate set the colour.
 */
export function UnitStatusTag({ status, rates, target, labelled = false, 'data-testid': testId }: UnitStatusTagProps) {
  const { t, pick } = useLocale();
  const parts = unitStatusParts(rates, target);
  const line = (rate: 'coverage' | 'membership') => {
    const name = t(rate === 'coverage' ? 'coverage.kpi.rate' : 'coverage.kpi.membershipRate');
    const value = formatRate(rate === 'coverage' ? rates.coverageRate : rates.membershipRate);
    const goal = rate === 'coverage' ? target?.coverageRate : target?.membershipRate;
    return goal === null || goal === undefined
      ? t('coverage.status.noTarget', { rate: name, value })
      : t('coverage.status.line', { rate: name, value, target: formatTargetRate(goal), status: pick(targetStatusLabels[parts[rate]]) });
  };
  const title = (
    <div data-testid={testId ? `${testId}-tooltip` : undefined}>
      <div>{line('coverage')}</div>
      <div>{line('membership')}</div>
      {parts.driver !== null && (
        <div>{t('coverage.status.driver', { rate: t(parts.driver === 'coverage' ? 'coverage.kpi.rate' : 'coverage.kpi.membershipRate') })}</div>
      )}
    </div>
  );
  return (
    <Tooltip title={title}>
      <span data-driver={parts.driver ?? undefined}>
        <TargetStatusTag status={status} {...(labelled ? { prefix: t('coverage.status.unitPrefix') } : {})} data-testid={testId} />
      </span>
    </Tooltip>
  );
}
