/**
 * What the portfolio's three charts draw, as ECharts options built from the report's rows (pure:
 * no chart library at run time, so it is tested in the unit project).
 */
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { funderNamesIn, term, type Language, type TermId, type Vars } from '../../../../domain/glossary/with-console';
import type { PortfolioRow } from '../../services/schemas';
import { fundedCards, fundedOf, pairsOf, percent, wanNumber, type Funded } from './model';

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** The console's palette for series (blue, teal, orange, violet), legible on white. */
const PALETTE = ['#1783ff', '#00a3a3', '#e8743b', '#9b5de5'];
const BASE: ChartOption = {
  color: PALETTE,
  textStyle: { fontFamily: 'inherit' },
  grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
};

/** A group (a zone's, program's or cluster's code, or a city) as people read it: its name. */
export type NameOf = (group: string) => string;
const asIs: NameOf = (group) => group;

/**
 * Grouped columns: one bar per series in each group, every group named under its columns (long
 * names wrap within `label.width`, or are cut with … when `truncate`; the tooltip gives the whole name).
 */
function columns(
  rows: PortfolioRow[],
  nameOf: NameOf,
  series: { name: string; value: (r: PortfolioRow) => number | null }[],
  valueAxis: ChartOption['yAxis'],
  label: { width: number; truncate?: boolean },
): ChartOption {
  return {
    ...BASE,
    // More series than one line holds (two pairs of funding bodies): one scrolling line, not a wall over the plot.
    legend: { top: 0, itemWidth: 12, itemHeight: 12, ...(series.length > 4 ? { type: 'scroll' as const } : {}) },
    xAxis: {
      type: 'category',
      data: rows.map((r) => nameOf(r.group)),
      axisTick: { alignWithLabel: true },
      axisLabel: { interval: 0, width: label.width, overflow: label.truncate ? 'truncate' : 'break', ellipsis: '…' },
    },
    yAxis: valueAxis,
    series: series.map((s) => ({ type: 'bar', name: s.name, data: rows.map(s.value), barMaxWidth: 28 })),
  };
}

/** A glossary term in the page's language, with the pair's funder names. */
const say = (lang: Language, names: Funded['funderNames']) => (id: TermId, vars: Vars = {}) => term(id, lang, vars, names);

/**
 * 资金到位（万元）: per pair of funding bodies, its grants, allocated + confirmed, transferred and paid,
 * per group. Each series is one pair's, named by its own funders: no bar adds one pair's money to
 * another's.
 */
export function moneyOption(rows: PortfolioRow[], lang: Language = 'zh', nameOf: NameOf = asIs): ChartOption {
  const series = pairsOf(rows).flatMap((names) => {
    const t = say(lang, names);
    const of = (pick: (f: Funded) => number) => (r: PortfolioRow) => {
      const f = fundedOf(r, names);
      return f ? wanNumber(pick(f)) : 0;
    };
    return [
      { name: t('report.jointGrant'), value: of((f) => fundedCards(f).grant.totalFen) },
      { name: t('report.committed'), value: of((f) => fundedCards(f).committed.totalFen) },
      { name: t('report.figure', { funder: funderNamesIn(names, lang).province, balance: t('balance.transferred') }), value: of((f) => f.province.transferredFen) },
      { name: t('report.jointPaid'), value: of((f) => fundedCards(f).paid.totalFen) },
    ];
  });
  return columns(rows, nameOf, series, { type: 'value', name: term('unit.wanYuan', lang) }, { width: Math.max(60, Math.floor(480 / Math.max(1, rows.length))) });
}

/** A pair's paid share in percent, one decimal (0 when nothing is granted). */
export const sharePercent = (f: Pick<Funded, 'paidShare'>): number => (f.paidShare.denominator === 0 ? 0 : Number(percent(f.paidShare).replace('%', '')));

/** 拨付率: horizontal bars per pair of funding bodies labelled with their percentage, on an axis to 100 % at least. */
export function shareOption(rows: PortfolioRow[], lang: Language = 'zh', nameOf: NameOf = asIs): ChartOption {
  const pairs = pairsOf(rows);
  return {
    ...BASE,
    ...(pairs.length > 1 ? { legend: { top: 0, itemWidth: 12, itemHeight: 12 } } : {}),
    grid: { left: 8, right: 48, top: pairs.length > 1 ? 40 : 24, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: '%', max: (v: { max: number }) => Math.max(100, v.max) },
    yAxis: { type: 'category', data: rows.map((r) => nameOf(r.group)), inverse: true, axisLabel: { interval: 0, width: 112, overflow: 'truncate', ellipsis: '…' } },
    series: pairs.map((names) => ({
      type: 'bar',
      name: term('report.pairShare', lang, {}, names),
      // No bar where the group has no project of that pair.
      data: rows.map((r) => {
        const f = fundedOf(r, names);
        return f ? sharePercent(f) : null;
      }),
      barMaxWidth: 24,
      label: { show: true, position: 'right', formatter: '{c}%' },
    })),
  };
}

/** 滞后与滞留项目数: counts of projects, so the axis has whole numbers only. */
export function countsOption(rows: PortfolioRow[], lang: Language = 'zh', nameOf: NameOf = asIs): ChartOption {
  return columns(
    rows,
    nameOf,
    [
      { name: term('report.lagging', lang), value: (r) => r.laggingCount },
      { name: term('report.held', lang), value: (r) => r.heldCount },
    ],
    { type: 'value', minInterval: 1 },
    { width: Math.max(48, Math.floor(200 / Math.max(1, rows.length))), truncate: true },
  );
}
