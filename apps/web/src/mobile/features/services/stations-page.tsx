import { useEffect, useEffectEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, List, Space, Tag } from 'antd-mobile';
import { stationFacilityLabels, stationLevelLabels } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { MobilePage } from '../../components/mobile-page.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { RegionPicker } from '../../components/region-picker.tsx';
import { fetchNearest, formatDistance } from './services-api.ts';

/**
 * 附近服务阵地: the nearest accepted positions to the phone's location (or, without one, to the centre of the street
 * or town picked district → street: the API's `regionCode`), nearest first, with walking distance, open now,
 * facilities and a navigation link (GCJ-02, made by the API).
 */
export default function StationsPage() {
  const { t, pick } = useLocale();
  const navigate = useNavigate();
  const [from, setFrom] = useState<{ lat: number; lng: number } | { regionCode: string } | null>(null);
  const hasGeo = typeof navigator !== 'undefined' && 'geolocation' in navigator;
  const [locating, setLocating] = useState(hasGeo);
  const [failed, setFailed] = useState(!hasGeo);
  // the position arrives in a callback (never set synchronously inside the effect)
  const ask = () => {
    if (!hasGeo) return;
    navigator.geolocation.getCurrentPosition(
      (p) => { setLocating(false); setFailed(false); setFrom({ lat: p.coords.latitude, lng: p.coords.longitude }); },
      () => { setLocating(false); setFailed(true); },
      { timeout: 8000, maximumAge: 60_000 },
    );
  };
  const askOnMount = useEffectEvent(ask);
  const locate = () => {
    setLocating(hasGeo);
    ask();
  };
  useEffect(() => askOnMount(), []);
  const key = from === null ? null : 'regionCode' in from ? from.regionCode : `${from.lat.toFixed(5)},${from.lng.toFixed(5)}`;
  const { data, error } = useApi(key, (signal) => fetchNearest(from!, signal));

  return (
    <MobilePage title={t('mstations.title')} data-testid="m-stations-page">
      <Space direction="vertical" block>
        <Button size="small" loading={locating} onClick={locate}>{t('mstations.locate')}</Button>
        {failed && from === null && <div className="m-hint">{t('mstations.locateFailed')}</div>}
        <div className="m-hint">{t('mstations.pickStreet')}</div>
        <RegionPicker
          value={from !== null && 'regionCode' in from ? from.regionCode : undefined}
          onChange={(code) => setFrom(code ? { regionCode: code } : null)}
          title={t('mstations.pickStreet')}
          placeholder={t('mstations.streetPlaceholder')}
          testId="m-street-picker"
        />
      </Space>
      {key !== null && error !== undefined && !data && (
        <div className="m-hint" data-testid="m-stations-error">{isApiError(error) ? (error.fields.regionCode ?? error.message) : t('app.networkError')}</div>
      )}
      {key !== null && !data ? (error === undefined && <PageLoading />) : (
        <List data-testid="m-stations">
          {data?.items.length === 0 && <List.Item>{t('mstations.none')}</List.Item>}
          {data?.items.map((s) => (
            <List.Item
              key={s.id}
              data-testid="m-station"
              description={(
                <>
                  {/* its own line: a long address inside the (non-shrinking) Space item ran under the links */}
                  <div>{s.address}</div>
                  <Space wrap>
                    {s.facilities.map((f) => <Tag key={f} fill="outline">{pick(stationFacilityLabels[f])}</Tag>)}
                  </Space>
                </>
              )}
              extra={(
                <Space direction="vertical" align="end">
                  <a href={s.navigationUrl} target="_blank" rel="noreferrer">{t('mstations.navigate')}</a>
                  <a onClick={() => void navigate(`/requests?stationId=${s.id}&station=${encodeURIComponent(s.name)}`)} data-testid="m-station-ask">{t('mstations.ask')}</a>
                </Space>
              )}
            >
              <Space wrap>
                <strong>{s.name}</strong>
                <Tag color="primary" fill="outline">{pick(stationLevelLabels[s.level])}</Tag>
                <Tag color={s.openNow ? 'success' : 'default'}>{s.openNow ? t('mstations.open') : t('mstations.closed')}</Tag>
                <span data-testid="m-station-distance">{formatDistance(s.distanceM)}</span>
              </Space>
            </List.Item>
          ))}
        </List>
      )}
    </MobilePage>
  );
}
