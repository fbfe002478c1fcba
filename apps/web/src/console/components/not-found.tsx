import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useLocale } from '../../shared/i18n/locale-context.tsx';

export function NotFound() {
  const { t } = useLocale();
  return (
    <Result
      status="404"
      title={t('app.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app.backHome')}</Button>
        </Link>
      }
    />
  );
}
