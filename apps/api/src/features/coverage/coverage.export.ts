/** The cockpit as an xlsx: the unit and each unit below it, the figures the cockpit shows. */
import { federationKinds, label, memberCategories, targetStatusLabels, type CoverageFigures, type Locale } from '@lianxin/contracts';
import { headerRow, writeXlsx } from '../../lib/xlsx.ts';

const percent = (rate: number) => Math.round(rate * 1000) / 10;

const HEADERS: Record<Locale, string[]> = {
  'zh-CN': ['单位', '企业数', '目标企业', '已建会目标企业', '建会率%', '目标建会率%', '目标期限', '状态', '已建会企业职工', '会员', '入会率%', '两非一无会员'],
  en: ['Unit', 'Enterprises', 'Target enterprises', 'Covered targets', 'Coverage %', 'Target %', 'Due', 'Status', 'Employees in covered', 'Members', 'Membership %', 'Informal / no-union members'],
};

export function coverageWorkbook(coverage: CoverageFigures & { period: string; children: CoverageFigures[] }, locale: Locale): Promise<Buffer> {
  return writeXlsx((addSheet) => {
    const sheet = addSheet(coverage.period, [28, 10, 12, 14, 10, 12, 12, 10, 16, 10, 10, 14, ...federationKinds.map(() => 10), ...memberCategories.map(() => 10)]);
    headerRow(sheet, [...HEADERS[locale], ...federationKinds, ...memberCategories.map((c) => `members:${c}`)]);
    for (const unit of [coverage, ...coverage.children]) {
      const row = sheet.addRow([
        unit.org.name, unit.enterprises, unit.targetEnterprises, unit.coveredTargetEnterprises, percent(unit.coverageRate),
        unit.target ? percent(unit.target.coverageRate) : null, unit.target?.dueOn ?? null, label(targetStatusLabels, unit.status, locale),
        unit.employeesInCovered, unit.members, percent(unit.membershipRate), unit.liangFeiYiWuMembers,
        ...federationKinds.map((k) => unit.federationsByKind[k] ?? 0), ...memberCategories.map((c) => unit.membersByCategory[c] ?? 0),
      ]);
      if (unit === coverage) row.font = { bold: true };
      row.commit();
    }
    sheet.commit();
  });
}
