/**
 * A small echarts wrapper for the views: tree-shaken (echarts/core plus the charts and
 * components registered below, canvas renderer), so only views that draw charts load it.
 *
 * Safety: every tooltip is forced to `renderMode: 'richText'` (drawn on the canvas). echarts'
 * HTML tooltips set innerHTML, which the Trusted Types policy refuses, and names from seized
 * phones must never become markup anyway. Put values from the data through `plain()` before
 * they go into a label or tooltip: it removes the braces of echarts' rich-text `{style|text}`
 * syntax so a hostile name cannot restyle the text around it. zrender empties its container with
 * `innerHTML = ''`, which the Trusted Types policy lets through (lib/trusted-types.ts).
 *
 * To register more chart types for another view, add them to `echarts.use([...])` here.
 */
import { useEffect, useRef } from 'react';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, DataZoomComponent, MarkLineComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** What a click on a data item reports (a bar, a point, a heat cell). */
export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
  /** The series name as given in the option. */
  seriesName: string;
}

/** Text from the data, safe for a label or a richText tooltip: no rich-text braces, no control characters, capped. */
export function plain(s: string, max = 80): string {
  const t = s.replace(/[{}|\u0000-\u001f\u007f-\u009f]/g, ' ');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** The option with every tooltip drawn as canvas text (never HTML). */
export function safeOption(option: ChartOption): ChartOption {
  const force = (t: unknown) => (t && typeof t === 'object' ? { ...(t as object), renderMode: 'richText' } : { renderMode: 'richText' });
  const out: Record<string, unknown> = { ...option, tooltip: Array.isArray(option.tooltip) ? option.tooltip.map(force) : force(option.tooltip) };
  for (const key of ['legend', 'series'] as const) {
    const v = option[key];
    if (Array.isArray(v)) out[key] = v.map((x: unknown) => (x && typeof x === 'object' && 'tooltip' in x ? { ...x, tooltip: force((x as { tooltip: unknown }).tooltip) } : x));
  }
  return out;
}

export function Chart({
  option,
  onClick,
  height = 280,
  label,
  testId,
}: {
  option: ChartOption;
  onClick?: (e: ChartClick) => void;
  height?: number;
  /** What the chart shows, for screen readers (the data is also given as a table beside it). */
  label: string;
  testId?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = echarts.init(node, null, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => {
      const e = p as { seriesIndex?: number; dataIndex?: number; seriesName?: string };
      const at = { seriesIndex: e.seriesIndex ?? 0, dataIndex: e.dataIndex ?? 0, seriesName: e.seriesName ?? '' };
      // after ECharts has finished with the click: a handler that navigates away disposes the chart, and
      // ECharts, still inside its event, would then read its disposed painter (a page error)
      setTimeout(() => clickRef.current?.(at), 0);
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(safeOption(option), { notMerge: true });
  }, [option]);

  useEffect(() => {
    el.current?.classList.toggle('chart-clickable', onClick !== undefined);
  }, [onClick]);

  return <div ref={el} className="chart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
