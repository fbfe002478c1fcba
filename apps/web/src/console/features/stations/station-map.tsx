import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { GeoComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { stationLevelLabels, stationLevels, type Station } from '@lianxin/contracts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useRegions } from '../../../shared/use-regions.ts';
import { EChart } from '../../components/echart.tsx';
import districts from './shanghai-districts.json';

// The offline map: Shanghai's district boundaries (vendored GeoJSON, WGS-84; see shanghai-districts.LICENSE.md)
// drawn by ECharts' geo component, the positions as a scatter coloured by level. No tile server.
echarts.use([ScatterChart, GeoComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
echarts.registerMap('shanghai', districts as unknown as Parameters<typeof echarts.registerMap>[1]);

export const levelColours: Record<Station['level'], string> = {
  centre: '#c8102e', sub_centre: '#fa541c', station: '#fa8c16', point: '#1677ff', relay: '#52c41a', inn: '#13c2c2', mommy_room: '#eb2f96',
};

/**
 * The geo component's `nameMap` for the UI language: the GeoJSON names its districts in Chinese (黄浦区), an English
 * UI labels them with the regions' English names ("Huangpu District"); undefined (the GeoJSON's names) otherwise.
 */
function useDistrictLabels(): Record<string, string> | undefined {
  const { locale } = useLocale();
  const { index } = useRegions();
  return useMemo(() => {
    if (locale !== 'en' || !index) return undefined;
    return Object.fromEntries([...index.byCode.values()].filter((r) => r.level === 'district').map((r) => [r.name, r.nameEn]));
  }, [locale, index]);
}

/** Every listed position on Shanghai's district map, one series per level (the legend filters). */
export function StationMap({ stations, onPick }: { stations: readonly Station[]; onPick?: (id: number) => void }) {
  const { pick } = useLocale();
  const nameMap = useDistrictLabels();
  const option = useMemo(() => ({
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    geo: { map: 'shanghai', nameMap, roam: true, itemStyle: { areaColor: '#f5f5f5', borderColor: '#999' }, emphasis: { disabled: true }, label: { show: true, color: '#888', fontSize: 10 } },
    series: stationLevels.map((level) => ({
      type: 'scatter', coordinateSystem: 'geo', name: pick(stationLevelLabels[level]), symbolSize: 6, itemStyle: { color: levelColours[level] },
      data: stations.filter((s) => s.level === level).map((s) => ({ name: s.name, value: [s.lng, s.lat], id: s.id })),
    })),
  }), [stations, pick, nameMap]);
  return (
    <EChart
      option={option}
      height={520}
      data-testid="station-map"
      onItemClick={(item) => {
        const level = stationLevels[item.seriesIndex];
        const hit = stations.filter((s) => s.level === level)[item.dataIndex];
        if (hit) onPick?.(hit.id);
      }}
    />
  );
}

/** Rounds a degree to 6 decimals (≈ 0.1 m), what the form keeps. */
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * The form's coordinate picker: the same offline district map, zoomed on the current point (a red pin); a click
 * anywhere sets the point to the clicked WGS-84 coordinates (the GeoJSON's own, so no conversion). Wheel and drag
 * zoom and pan; typing the numbers stays possible beside it.
 */
export function StationPointPicker({ lat, lng, onPick }: { lat: number | undefined; lng: number | undefined; onPick: (lat: number, lng: number) => void }) {
  const { t } = useLocale();
  const nameMap = useDistrictLabels();
  const has = typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng);
  const option = useMemo(() => ({
    tooltip: { show: false },
    geo: {
      map: 'shanghai', nameMap, roam: true, zoom: has ? 8 : 1, ...(has ? { center: [lng, lat] } : {}),
      itemStyle: { areaColor: '#f5f5f5', borderColor: '#999' }, emphasis: { disabled: true }, label: { show: true, color: '#888', fontSize: 10 },
    },
    series: [{ type: 'scatter', coordinateSystem: 'geo', symbol: 'pin', symbolSize: 28, itemStyle: { color: '#c8102e' }, data: has ? [{ name: t('stations.picker.point'), value: [lng, lat] }] : [] }],
  }), [has, lat, lng, t, nameMap]);
  return (
    <EChart
      option={option}
      height={260}
      data-testid="station-point-picker"
      onCanvasClick={(offset, instance) => {
        const point = instance.convertFromPixel({ geoIndex: 0 }, offset) as number[] | undefined;
        const [x, y] = point ?? [];
        if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) onPick(round6(y), round6(x));
      }}
    />
  );
}
