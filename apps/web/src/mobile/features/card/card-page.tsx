import { useCallback } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { Button, ErrorBlock, Space, Tag } from 'antd-mobile';
import { memberStatusLabels, type MemberCard } from '@lianxin/contracts';
import { isApiError, setCsrfToken } from '../../../shared/api-client.ts';
import { formatDate } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { MobilePage } from '../../components/mobile-page.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { logout } from '../auth/member-auth-api.ts';
import { loadCardToken, loadMemberCard, SignInRequired } from './card-api.ts';
import { useCardQr } from './card-qr.ts';

/** 3100 0000 0001 2345: four-digit groups, as printed on a bank card. */
export function groupCardNumber(card: string): string {
  return card.replace(/(.{4})(?=.)/g, '$1 ');
}

export function qrDataUrl(svg: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

/**
 * 电子会员卡: shown at a service station, where the QR code is scanned to check membership. The QR code carries a
 * token that verifies for 90 s; the page renews it before then and counts down, so a screenshot is soon useless.
 */
export default function CardPage() {
  const { t } = useLocale();
  const { data, error, reload } = useApi('member-card', (signal) => loadMemberCard(signal));
  if (error instanceof SignInRequired) return <Navigate to="/login?next=/card" replace />;
  return (
    <MobilePage title={t('card.title')} data-testid="m-card-page">
      {error !== undefined && !data ? (
        <ErrorBlock
          status="default"
          title={isApiError(error) ? error.message : t('app.networkError')}
          description={
            <Button size="small" onClick={reload}>
              {t('app.retry')}
            </Button>
          }
        />
      ) : !data ? (
        <PageLoading />
      ) : (
        <CardView card={data} />
      )}
    </MobilePage>
  );
}

function CardView({ card }: { card: MemberCard }) {
  const { t, pick } = useLocale();
  const navigate = useNavigate();
  const toSignIn = useCallback(() => void navigate('/login?next=/card', { replace: true }), [navigate]);
  const qr = useCardQr(card, loadCardToken, toSignIn);
  const signOut = async () => {
    try {
      await logout();
    } finally {
      setCsrfToken(null);
      void navigate('/', { replace: true });
    }
  };
  return (
    <>
      <section className={`m-card${card.status === 'active' ? '' : ' m-card-inactive'}`} data-testid="m-card">
        <div className="m-card-head">
          <span className="m-card-brand">{t('card.brand')}</span>
          <Tag color={card.status === 'active' ? 'success' : 'default'} fill="solid" data-testid="m-card-status">
            {pick(memberStatusLabels[card.status])}
          </Tag>
        </div>
        <div className="m-card-name" data-testid="m-card-name">
          {card.name}
        </div>
        <div className="m-card-id">{card.idNumber}</div>
        <div className="m-card-number" data-testid="m-card-number" data-card-number={card.cardNumber}>
          {groupCardNumber(card.cardNumber)}
        </div>
        <div className="m-card-union">{card.union.name}</div>
        <div className="m-card-joined">{t('card.joinedOn', { date: formatDate(card.joinedOn) })}</div>
      </section>
      <section className="m-card-qr-box">
        <img
          className={`m-card-qr${qr.expired ? ' m-card-qr-expired' : ''}`}
          src={qrDataUrl(qr.token.qrSvg)}
          alt={t('card.qrAlt')}
          data-testid="m-card-qr"
          data-token={qr.token.token}
        />
        <p className={qr.expired ? 'm-card-qr-status m-card-qr-status-expired' : 'm-card-qr-status'} data-testid="m-card-qr-status" aria-live="polite">
          {qr.expired ? t('card.qrExpired') : t('card.qrCountdown', { seconds: qr.renewIn })}
        </p>
        <p className="m-hint">{t('card.qrHint')}</p>
      </section>
      <Space direction="vertical" block className="m-actions">
        <Button block onClick={qr.renew} loading={qr.renewing} data-testid="m-card-refresh">
          {t('card.refresh')}
        </Button>
        <Button block fill="none" onClick={() => void signOut()} data-testid="m-logout">
          {t('card.logout')}
        </Button>
      </Space>
    </>
  );
}
