import { NoticeBar } from 'antd-mobile';
import { useLocale } from '../shared/i18n/locale-context.tsx';
import { MobileLangSwitch } from './mobile-lang-switch.tsx';
import { ServiceTiles } from './service-tiles.tsx';

/** H5 landing page for members and workers. */
export function MobileHome() {
  const { t } = useLocale();
  return (
    <div className="m-page" data-testid="m-home">
      <header className="m-header">
        <div className="m-brand">
          <span className="m-brand-mark">连</span>
          <div>
            <div className="m-brand-name">{t('app.brand')}</div>
            <div className="m-brand-tagline">{t('mobile.tagline')}</div>
          </div>
        </div>
        <MobileLangSwitch />
      </header>
      <main className="m-main">
        <h1 className="m-welcome">{t('mobile.welcome')}</h1>
        <NoticeBar content={t('mobile.notice')} color="alert" wrap />
        <section className="m-section">
          <h2 className="m-section-title">{t('mobile.services')}</h2>
          <ServiceTiles />
        </section>
      </main>
      <footer className="m-footer">{t('mobile.footer')}</footer>
    </div>
  );
}
