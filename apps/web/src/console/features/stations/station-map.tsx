import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { GeoComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { stationLevelLabels, stationLevels, type Station } from '@lianxin/contracts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { EChart } from '../../components/echart.tsx';
import districts from './shanghai-districts.json';

// The offline map: Shanghai's district boundaries (vendored GeoJSON, WGS-84; see shanghai-districts.LICENSE.md)
// drawn by ECharts' geo component, the positions as a scatter coloured by level. No tile server.
echarts.use([ScatterChart, GeoComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
echarts.registerMap('shanghai', districts as unknown as Parameters<typeof echarts.registerMap>[1]);

export const levelColours: Record<Station['level'], string> = {
  centre: '#c8102e', sub_centre: '#fa541c', station: '#fa8c16', point: '#1677ff', relay: '#52c41a', inn: '#13c2c2', mommy_room: '#eb2f96',
};

/** Every listed position on Shanghai's district map, one series per level (the legend filters). */
export function StationMap({ stations, onPick }: { stations: readonly Station[]; onPick?: (id: number) => void }) {
  const { pick } = useLocale();
  const option = useMemo(() => ({
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    geo: { map: 'shanghai', roam: true, itemStyle: { areaColor: '#f5f5f5', borderColor: '#999' }, emphasis: { disabled: true }, label: { show: true, color: '#888', fontSize: 10 } },
    series: stationLevels.map((level) => ({
      type: 'scatter', coordinateSystem: 'geo', name: pick(stationLevelLabels[level]), symbolSize: 6, itemStyle: { color: levelColours[level] },
      data: stations.filter((s) => s.level === level).map((s) => ({ name: s.name, value: [s.lng, s.lat], id: s.id })),
    })),
  }), [stations, pick]);
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
