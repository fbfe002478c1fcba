import { Button } from 'antd-mobile';
import { useLocale } from '../shared/i18n/locale-context.tsx';
import { LangSwitchLabel, nextLocaleFromClick } from '../shared/i18n/lang-switch-label.tsx';

export function MobileLangSwitch() {
  const { locale, setLocale, t } = useLocale();
  return (
    <Button
      size="mini"
      fill="outline"
      shape="rounded"
      className="m-lang"
      data-testid="lang-switch"
      aria-label={t('header.langSwitch')}
      onClick={(event) => setLocale(nextLocaleFromClick(event, locale))}
    >
      <LangSwitchLabel locale={locale} />
    </Button>
  );
}
