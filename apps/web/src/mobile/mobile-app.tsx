import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { LocaleProvider, useLocale } from '../shared/i18n/locale-context.tsx';
import { MobileHome } from './mobile-home.tsx';

function LocalizedHome() {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN}>
      <MobileHome />
    </ConfigProvider>
  );
}

export function MobileApp() {
  return (
    <LocaleProvider>
      <LocalizedHome />
    </LocaleProvider>
  );
}
