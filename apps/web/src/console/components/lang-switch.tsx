import { Button } from 'antd';
import { useLocale } from '../../shared/i18n/locale-context.tsx';
import { LangSwitchLabel, nextLocaleFromClick } from '../../shared/i18n/lang-switch-label.tsx';

export function LangSwitch() {
  const { locale, setLocale, t } = useLocale();
  return (
    <Button
      type="text"
      data-testid="lang-switch"
      aria-label={t('header.langSwitch')}
      onClick={(event) => setLocale(nextLocaleFromClick(event, locale))}
    >
      <LangSwitchLabel locale={locale} />
    </Button>
  );
}
