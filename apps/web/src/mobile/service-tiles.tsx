import { useNavigate } from 'react-router-dom';
import { Grid, Tag } from 'antd-mobile';
import type { DictKey } from '../shared/i18n/dictionary.ts';
import { useLocale } from '../shared/i18n/locale-context.tsx';

interface Tile {
  key: string;
  label: DictKey;
  glyph: string;
  color: string;
  /** the H5 route; none until the feature ships (the tile is disabled and marked 即将开放) */
  to?: string;
}

const tiles: readonly Tile[] = [
  { key: 'join', label: 'mobile.tile.join', glyph: '入', color: '#c8102e', to: '/join' },
  { key: 'card', label: 'mobile.tile.card', glyph: '卡', color: '#fa8c16', to: '/card' },
  { key: 'status', label: 'mobile.tile.status', glyph: '查', color: '#52c41a', to: '/status' },
  { key: 'congress', label: 'mobile.tile.congress', glyph: '议', color: '#eb2f96', to: '/congress' },
  { key: 'stations', label: 'mobile.tile.stations', glyph: '站', color: '#1677ff', to: '/stations' },
  { key: 'rights', label: 'mobile.tile.rights', glyph: '权', color: '#13a8a8', to: '/rights' },
  { key: 'funds', label: 'mobile.tile.funds', glyph: '账', color: '#d4b106', to: '/funds' },
  { key: 'mine', label: 'mobile.tile.mine', glyph: '我', color: '#722ed1', to: '/requests' },
];

/** The member services; those not built yet are disabled and marked 即将开放. */
export function ServiceTiles() {
  const { t } = useLocale();
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
                {tile.glyph}
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
