import { useNavigate } from 'react-router-dom';
import { Grid, Tag } from 'antd-mobile';
import type { Locale } from '@lianxin/contracts';
import type { DictKey } from '../shared/i18n/dictionary.ts';
import { useLocale } from '../shared/i18n/locale-context.tsx';

interface Tile {
  key: string;
  label: DictKey;
  /** the tile's mark: a character of the Chinese label, a letter or sign in English (no Chinese on English screens) */
  glyph: Record<Locale, string>;
  color: string;
  /** the H5 route; none until the feature ships (the tile is disabled and marked 即将开放) */
  to?: string;
}

const tiles: readonly Tile[] = [
  { key: 'join', label: 'mobile.tile.join', glyph: { 'zh-CN': '入', en: 'J' }, color: '#c8102e', to: '/join' },
  { key: 'card', label: 'mobile.tile.card', glyph: { 'zh-CN': '卡', en: 'C' }, color: '#fa8c16', to: '/card' },
  { key: 'status', label: 'mobile.tile.status', glyph: { 'zh-CN': '查', en: '?' }, color: '#52c41a', to: '/status' },
  { key: 'congress', label: 'mobile.tile.congress', glyph: { 'zh-CN': '议', en: 'V' }, color: '#eb2f96', to: '/congress' },
  { key: 'stations', label: 'mobile.tile.stations', glyph: { 'zh-CN': '站', en: 'S' }, color: '#1677ff', to: '/stations' },
  { key: 'rights', label: 'mobile.tile.rights', glyph: { 'zh-CN': '权', en: 'R' }, color: '#13a8a8', to: '/rights' },
  { key: 'funds', label: 'mobile.tile.funds', glyph: { 'zh-CN': '账', en: '¥' }, color: '#d4b106', to: '/funds' },
  { key: 'mine', label: 'mobile.tile.mine', glyph: { 'zh-CN': '我', en: 'Me' }, color: '#722ed1', to: '/requests' },
];

/** The member services; those not built yet are disabled and marked 即将开放. */
export function ServiceTiles() {
  const { t, pick } = useLocale();
  const navigate = useNavigate();
  return (
    <Grid columns={3} gap={12}>
      {tiles.map((tile) => {
        const { to } = tile;
        return (
          <Grid.Item key={tile.key}>
            <div
              className={`m-tile${to ? ' m-tile-ready' : ' m-tile-disabled'}`}
              aria-disabled={!to}
              role={to ? 'link' : undefined}
              tabIndex={to ? 0 : undefined}
              onClick={to ? () => void navigate(to) : undefined}
              onKeyDown={to ? (e) => e.key === 'Enter' && void navigate(to) : undefined}
              data-testid={`m-tile-${tile.key}`}
            >
              <span className="m-tile-glyph" style={{ background: tile.color }}>
                {pick(tile.glyph)}
              </span>
              <span className="m-tile-label">{t(tile.label)}</span>
              {!to && (
                <Tag color="default" fill="outline" className="m-tile-tag">
                  {t('mobile.comingSoon')}
                </Tag>
              )}
            </div>
          </Grid.Item>
        );
      })}
    </Grid>
  );
}
