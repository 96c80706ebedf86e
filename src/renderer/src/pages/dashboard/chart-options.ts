// The Dashboard's three charts as ECharts options, from the term's figures (computed in main).
// Fill rate = decided by the Bureau ÷ requested by the city/county (DOMAIN.md: the gap the
// office raises with the Bureau); a city/county that requested nothing has no rate.
import type { EChartsCoreOption } from 'echarts/core';
import type { DashboardFigures } from '../../../../shared/api/grid.contract';
import { SECTORS, type Sector } from '../../../../shared/domain';
import type { Tile, TileUnit } from './tile-layout';

export const SECTOR_COLORS: Record<Sector, string> = {
  local_factory: '#1f5fbf',
  rural_housing: '#d9822b',
  farm_team: '#3a8f4b',
  other: '#8a6fb0',
};

export interface CountyFigures {
  countyCode: string;
  provinceCode: string;
  requested: number;
  decided: number;
  bySector: Partial<Record<Sector, number>>;
}

/** The figures summed per city/county (all sectors), in the figures' (region) order. */
export function perCounty(figures: DashboardFigures): CountyFigures[] {
  const out = new Map<string, CountyFigures>();
  for (const r of figures.rows) {
    let c = out.get(r.countyCode);
    if (!c) out.set(r.countyCode, (c = { countyCode: r.countyCode, provinceCode: r.provinceCode, requested: 0, decided: 0, bySector: {} }));
    c.requested += r.requested;
    c.decided += r.decided;
    c.bySector[r.sector] = (c.bySector[r.sector] ?? 0) + r.decided;
  }
  return [...out.values()];
}

export const rate = (decided: number, requested: number): number | null =>
  requested > 0 ? Math.round((decided / requested) * 1000) / 10 : null;

export interface Words {
  sector: (s: Sector) => string;
  county: (code: string) => string;
  percent: (value: number) => string;
  persons: (n: number) => string;
  noRequest: string;
  legend: { low: string; mid: string; full: string; over: string };
  daily: string;
  total: string;
  day: (iso: string) => string;
}

/** Bars per city/county that requested something: each sector's decided ÷ the county's requested, stacked. */
export function barsOption(counties: readonly CountyFigures[], words: Words): EChartsCoreOption {
  const shown = counties.filter((c) => c.requested > 0);
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: SECTORS.map(words.sector) },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => words.percent(Number(v)) },
    xAxis: {
      type: 'category',
      data: shown.map((c) => words.county(c.countyCode)),
      axisLabel: { interval: 0, rotate: shown.length > 12 ? 45 : 0 },
    },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => words.percent(v) } },
    series: SECTORS.map((s) => ({
      name: words.sector(s),
      type: 'bar',
      stack: 'fill',
      itemStyle: { color: SECTOR_COLORS[s] },
      data: shown.map((c) => Math.round(((c.bySector[s] ?? 0) / c.requested) * 1000) / 10),
    })),
  };
}

/** The counties bars show, in order (a bar's dataIndex → its county). */
export const barCounties = (counties: readonly CountyFigures[]) => counties.filter((c) => c.requested > 0);

/** The province as tiles coloured by fill rate; value −1 marks a city/county without a request. */
export function tileMapOption(
  tiles: readonly Tile<TileUnit>[],
  cols: number,
  rows: number,
  byCode: Map<string, CountyFigures>,
  words: Words,
): EChartsCoreOption {
  const data = tiles.map((t) => {
    const c = byCode.get(t.unit.code);
    const r = c ? rate(c.decided, c.requested) : null;
    return { value: [t.col, t.row, r ?? -1], code: t.unit.code };
  });
  return {
    grid: { left: 4, right: 4, top: 4, bottom: 44 },
    xAxis: { type: 'category', data: Array.from({ length: cols }, (_, i) => i), show: false },
    yAxis: { type: 'category', data: Array.from({ length: rows }, (_, i) => i), show: false, inverse: true },
    tooltip: {
      formatter: (p: { data: { value: [number, number, number]; code: string } }) => {
        const v = p.data.value[2];
        return `${words.county(p.data.code)}: ${v < 0 ? words.noRequest : words.percent(v)}`;
      },
    },
    visualMap: {
      type: 'piecewise',
      dimension: 2,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      pieces: [
        { lt: 0, label: words.noRequest, color: '#e3e6eb' },
        { gte: 0, lt: 50, label: words.legend.low, color: '#d9534f' },
        { gte: 50, lt: 90, label: words.legend.mid, color: '#f0ad4e' },
        { gte: 90, lte: 110, label: words.legend.full, color: '#5cb85c' },
        { gt: 110, label: words.legend.over, color: '#3a7bd5' },
      ],
    },
    series: [
      {
        type: 'heatmap',
        data,
        itemStyle: { borderColor: '#ffffff', borderWidth: 3 },
        label: {
          show: true,
          formatter: (p: { data: { value: [number, number, number]; code: string } }) => {
            const v = p.data.value[2];
            return `{name|${words.county(p.data.code)}}\n${v < 0 ? '–' : words.percent(v)}`;
          },
          rich: { name: { fontWeight: 'bold', lineHeight: 18 } },
          color: '#1d2733',
        },
      },
    ],
  };
}

/** Arrivals per day (bars) and their running total (line). */
export function arrivalsOption(arrivals: DashboardFigures['arrivals'], words: Words): EChartsCoreOption {
  let sum = 0;
  const running = arrivals.map((a) => (sum += a.arrived));
  return {
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: [words.daily, words.total] },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => words.persons(Number(v)) },
    xAxis: { type: 'category', data: arrivals.map((a) => words.day(a.day)) },
    yAxis: [{ type: 'value' }, { type: 'value', splitLine: { show: false } }],
    series: [
      { name: words.daily, type: 'bar', data: arrivals.map((a) => a.arrived), itemStyle: { color: '#7fa7dc' } },
      { name: words.total, type: 'line', yAxisIndex: 1, data: running, itemStyle: { color: '#1f5fbf' }, symbolSize: 6 },
    ],
  };
}
