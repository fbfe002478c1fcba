import { useEffect, useEffectEvent, useRef, type CSSProperties } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the console draws: bars and lines on a grid, with tooltips, legends and target lines.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export interface EChartClick {
  dataIndex: number;
  seriesIndex: number;
  name: string;
}

interface EChartProps {
  option: echarts.EChartsCoreOption;
  height?: number;
  style?: CSSProperties;
  /** a click on a data item (a bar, a point) */
  onItemClick?: (item: EChartClick) => void;
  /** any click on the canvas, at its pixel offset (e.g. a map turning it into coordinates with `convertFromPixel`) */
  onCanvasClick?: (offset: [number, number], instance: echarts.ECharts) => void;
  'data-testid'?: string;
}

/**
 * An ECharts canvas that follows its box: created once, fed each new option (replacing the previous one; no
 * animation when the system asks for reduced motion), resized by a ResizeObserver and disposed on unmount.
 */
export function EChart({ option, height = 320, style, onItemClick, onCanvasClick, 'data-testid': testId }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clicked = useEffectEvent((item: EChartClick) => onItemClick?.(item));
  const canvasClicked = useEffectEvent((offset: [number, number], instance: echarts.ECharts) => onCanvasClick?.(offset, instance));

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => clicked({ dataIndex: params.dataIndex, seriesIndex: params.seriesIndex ?? 0, name: params.name }));
    instance.getZr().on('click', (event) => canvasClicked([event.offsetX, event.offsetY], instance));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // no growing bars and drawing lines for people who asked the system for less motion
    const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    chart.current?.setOption(still ? { ...option, animation: false } : option, { notMerge: true });
  }, [option]);

  return <div ref={box} style={{ width: '100%', height, ...style }} data-testid={testId} />;
}
