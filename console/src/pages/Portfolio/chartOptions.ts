/**
 * What the portfolio's three charts draw, as ECharts options built from the report's rows (pure:
 * no chart library at run time, so it is tested in the unit project).
 */
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { addFen } from '../../../../domain/money';
import { term, type TermId, type Vars } from '../../../../domain/glossary/with-console';

type Words = (id: TermId, vars?: Vars) => string;
const chinese: Words = (id, vars) => term(id, 'zh', vars);
import type { PortfolioRow } from '../../services/schemas';
import { percent, wanNumber } from './model';

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** The console's palette for series (blue, teal, orange, violet), legible on white. */
const PALETTE = ['#1783ff', '#00a3a3', '#e8743b', '#9b5de5'];
const BASE: ChartOption = {
  color: PALETTE,
  textStyle: { fontFamily: 'inherit' },
  grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
};

/** Grouped columns: one bar per series in each group. */
function columns(rows: PortfolioRow[], series: { name: string; value: (r: PortfolioRow) => number }[], valueAxis: ChartOption['yAxis']): ChartOption {
  return {
    ...BASE,
    legend: { top: 0, itemWidth: 12, itemHeight: 12 },
    xAxis: { type: 'category', data: rows.map((r) => r.group), axisTick: { alignWithLabel: true } },
    yAxis: valueAxis,
    series: series.map((s) => ({ type: 'bar', name: s.name, data: rows.map(s.value), barMaxWidth: 28 })),
  };
}

/** 资金到位（万元）: grants, allocated/confirmed, transferred, paid, per group. */
export function moneyOption(rows: PortfolioRow[], t: Words = chinese): ChartOption {
  return columns(
    rows,
    [
      { name: t('portfolio.series.grant'), value: (r) => wanNumber(addFen(r.province.grantFen, r.zone.grantFen)) },
      { name: t('portfolio.series.allocated'), value: (r) => wanNumber(addFen(r.province.allocatedFen, r.zone.allocatedFen)) },
      { name: t('portfolio.series.transferred'), value: (r) => wanNumber(r.province.transferredFen) },
      { name: t('portfolio.series.paid'), value: (r) => wanNumber(addFen(r.province.paidFen, r.zone.paidFen)) },
    ],
    { type: 'value', name: t('unit.wanYuan') },
  );
}

/** A group's paid share in percent, one decimal (0 when nothing is granted). */
export const sharePercent = (r: PortfolioRow): number => (r.paidShare.denominator === 0 ? 0 : Number(percent(r.paidShare).replace('%', '')));

/** 拨付率: horizontal bars labelled with their percentage, on an axis to 100 % at least. */
export function shareOption(rows: PortfolioRow[], t: Words = chinese): ChartOption {
  return {
    ...BASE,
    grid: { left: 8, right: 48, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: '%', max: (v: { max: number }) => Math.max(100, v.max) },
    yAxis: { type: 'category', data: rows.map((r) => r.group), inverse: true },
    series: [{ type: 'bar', name: t('portfolio.series.share'), data: rows.map(sharePercent), barMaxWidth: 24, label: { show: true, position: 'right', formatter: '{c}%' } }],
  };
}

/** 滞后与滞留项目数: counts of projects, so the axis has whole numbers only. */
export function countsOption(rows: PortfolioRow[], t: Words = chinese): ChartOption {
  return columns(
    rows,
    [
      { name: t('portfolio.series.lagging'), value: (r) => r.laggingCount },
      { name: t('portfolio.series.held'), value: (r) => r.heldCount },
    ],
    { type: 'value', minInterval: 1 },
  );
}
