import { installTexts } from '../shared/i18n/texts.ts';
import { memberAuthTexts } from './features/auth/auth.i18n.ts';
import { cardTexts } from './features/card/card.i18n.ts';
import { mobileCongressTexts } from './features/congress/congress.i18n.ts';
import { mobileFundsTexts } from './features/funds/funds.i18n.ts';
import { joinTexts } from './features/join/join.i18n.ts';
import { mobileRightsTexts } from './features/rights/rights.i18n.ts';
import { servicesMobileTexts } from './features/services/services.i18n.ts';
import { statusTexts } from './features/status/status.i18n.ts';
import { mobileTexts } from './mobile.i18n.ts';

/**
 * The texts of the H5's own pages (the app-wide ones are installed by shared/i18n/texts.ts). The H5 does not load
 * shared/i18n/dictionary.ts, which carries every console feature's texts; mobile-texts.test.ts checks that every
 * key the H5's sources name is here.
 */
export const mobileTextParts = [mobileTexts, joinTexts, statusTexts, memberAuthTexts, cardTexts, servicesMobileTexts, mobileCongressTexts, mobileRightsTexts, mobileFundsTexts] as const;
installTexts(mobileTextParts);
