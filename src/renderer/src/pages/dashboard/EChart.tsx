// One chart: Apache ECharts through tree-shaken `echarts/core` imports (only the charts and
// components the Dashboard draws). Drawn with the SVG renderer, so the screen and the printed page
// (Electron printToPDF, the browser's print) carry the same vector chart; a PNG for sharing is
// drawn once more on a canvas (toPng).
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  LineChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapComponent,
  SVGRenderer,
  CanvasRenderer,
]);

/** The bundled Korean font first (screen and print look the same on any office PC). */
export const CHART_FONT = "'Noto Sans KR', 'Noto Sans CJK KR', 'Malgun Gothic', sans-serif";

export interface ChartClick {
  seriesIndex?: number;
  dataIndex: number;
  data: unknown;
}

export function EChart({
  option,
  height,
  onClick,
  testId,
  label,
}: {
  option: EChartsCoreOption;
  height: number;
  onClick?: (event: ChartClick) => void;
  testId: string;
  label: string;
}): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  useEffect(() => {
    clickRef.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (event) => clickRef.current?.(event as unknown as ChartClick));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    // The webfont may arrive after the first drawing: measure the labels again with it.
    void document.fonts?.ready.then(() => !instance.isDisposed() && instance.resize());
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ textStyle: { fontFamily: CHART_FONT }, animation: false, ...option }, true);
  }, [option]);

  return <div ref={ref} className="dash-chart" style={{ height }} data-testid={testId} role="img" aria-label={label} />;
}

/** The chart drawn on a canvas at twice the size, as a PNG data URL (for "save chart as PNG"). */
export function toPng(option: EChartsCoreOption, width: number, height: number): string {
  const element = document.createElement('div');
  element.style.cssText = `position:fixed;left:-10000px;top:0;width:${width}px;height:${height}px`;
  document.body.appendChild(element);
  const instance = echarts.init(element, undefined, { renderer: 'canvas', width, height });
  try {
    instance.setOption({ textStyle: { fontFamily: CHART_FONT }, animation: false, backgroundColor: '#ffffff', ...option });
    return instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  } finally {
    instance.dispose();
    element.remove();
  }
}
