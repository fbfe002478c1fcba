import { Grid, Tag } from 'antd-mobile';
import type { DictKey } from '../shared/i18n/dictionary.ts';
import { useLocale } from '../shared/i18n/locale-context.tsx';

interface Tile {
  key: string;
  label: DictKey;
  glyph: string;
  color: string;
  /** false until the feature ships */
  ready: boolean;
}

const tiles: readonly Tile[] = [
  { key: 'join', label: 'mobile.tile.join', glyph: '入', color: '#c8102e', ready: false },
  { key: 'card', label: 'mobile.tile.card', glyph: '卡', color: '#fa8c16', ready: false },
  { key: 'stations', label: 'mobile.tile.stations', glyph: '站', color: '#1677ff', ready: false },
  { key: 'legal-aid', label: 'mobile.tile.legalAid', glyph: '法', color: '#13a8a8', ready: false },
  { key: 'mine', label: 'mobile.tile.mine', glyph: '我', color: '#722ed1', ready: false },
];

/** The member services to come; each tile is disabled and marked 即将开放 for now. */
export function ServiceTiles() {
  const { t } = useLocale();
  return (
    <Grid columns={3} gap={12}>
      {tiles.map((tile) => (
        <Grid.Item key={tile.key}>
          <div className={`m-tile${tile.ready ? '' : ' m-tile-disabled'}`} aria-disabled={!tile.ready} data-testid={`m-tile-${tile.key}`}>
            <span className="m-tile-glyph" style={{ background: tile.color }}>
              {tile.glyph}
            </span>
            <span className="m-tile-label">{t(tile.label)}</span>
            {!tile.ready && (
              <Tag color="default" fill="outline" className="m-tile-tag">
                {t('mobile.comingSoon')}
              </Tag>
            )}
          </div>
        </Grid.Item>
      ))}
    </Grid>
  );
}
