import type { Locale } from '@lianxin/contracts';
import { appTexts } from './app.i18n.ts';
import { installTexts } from './texts.ts';
import { applicationsTexts } from '../../console/features/applications/applications.i18n.ts';
import { auditTexts } from '../../console/features/audit/audit.i18n.ts';
import { campaignTexts } from '../../console/features/campaign/campaign.i18n.ts';
import { congressTexts } from '../../console/features/congress/congress.i18n.ts';
import { coverageTexts } from '../../console/features/coverage/coverage.i18n.ts';
import { cockpitTabsTexts } from '../../console/features/coverage/mechanism-tabs.i18n.ts';
import { enterprisesTexts } from '../../console/features/enterprises/enterprises.i18n.ts';
import { fundsTexts } from '../../console/features/funds/funds.i18n.ts';
import { membersTexts } from '../../console/features/members/members.i18n.ts';
import { orgsTexts } from '../../console/features/orgs/orgs.i18n.ts';
import { rosterImportTexts } from '../../console/features/roster-import/roster-import.i18n.ts';
import { workbenchTexts } from '../../console/features/workbench/workbench.i18n.ts';
import { stationsTexts } from '../../console/features/stations/stations.i18n.ts';
import { requestsTexts } from '../../console/features/requests/requests.i18n.ts';
import { servicesMobileTexts } from '../../mobile/features/services/services.i18n.ts';
import { rightsTexts } from '../../console/features/rights/rights.i18n.ts';
import { exportTexts } from '../../console/components/export.i18n.ts';
import { memberAuthTexts } from '../../mobile/features/auth/auth.i18n.ts';
import { cardTexts } from '../../mobile/features/card/card.i18n.ts';
import { mobileFundsTexts } from '../../mobile/features/funds/funds.i18n.ts';
import { joinTexts } from '../../mobile/features/join/join.i18n.ts';
import { mobileCongressTexts } from '../../mobile/features/congress/congress.i18n.ts';
import { mobileRightsTexts } from '../../mobile/features/rights/rights.i18n.ts';
import { statusTexts } from '../../mobile/features/status/status.i18n.ts';
import { mobileTexts } from '../../mobile/mobile.i18n.ts';

/**
 * UI texts, Chinese first, one file per feature (`<feature>.i18n.ts` beside its pages, app-wide keys in
 * `app.i18n.ts`), merged here so any console page can `t('members.title')` (the H5 installs only its own parts:
 * mobile/mobile-texts.ts). Each file types its `en` as
 * `Record<keyof typeof zhCN, string>`, so a missing or extra English key is a type error; a test checks that no
 * key is defined by two files. `{name}` placeholders are filled by `t`. Enum labels are not here: they live in
 * `@lianxin/contracts` (`orgKindLabels`, …), shared with the API.
 */
export const dictionaryParts = [
  appTexts,
  orgsTexts,
  enterprisesTexts,
  coverageTexts,
  cockpitTabsTexts,
  campaignTexts,
  congressTexts,
  fundsTexts,
  rightsTexts,
  auditTexts,
  applicationsTexts,
  membersTexts,
  rosterImportTexts,
  workbenchTexts,
  stationsTexts,
  requestsTexts,
  servicesMobileTexts,
  exportTexts,
  mobileTexts,
  joinTexts,
  mobileCongressTexts,
  mobileRightsTexts,
  statusTexts,
  memberAuthTexts,
  cardTexts,
  mobileFundsTexts,
] as const;

type KeysOf<Part> = Part extends { 'zh-CN': infer Texts } ? keyof Texts : never;
export type DictKey = KeysOf<(typeof dictionaryParts)[number]>;

function merge(locale: Locale): Record<DictKey, string> {
  return Object.assign({}, ...dictionaryParts.map((part) => part[locale])) as Record<DictKey, string>;
}

export const dictionaries: Record<Locale, Record<DictKey, string>> = { 'zh-CN': merge('zh-CN'), en: merge('en') };

// Importing this module (the console does, through its pages) installs every text for `t()`; the H5 imports only
// the type `DictKey` from here and installs its own parts (mobile/mobile-texts.ts), so these stay out of its bundle.
installTexts(dictionaryParts);
export { dictText } from './texts.ts';
