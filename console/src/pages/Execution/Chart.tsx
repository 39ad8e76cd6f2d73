/**
 * Execution progress per group against time progress (ECharts: bar chart, grid, tooltip and the
 * mark line it needs, loaded with this module only). Canvas: the figure has a text alternative,
 * and the table under it carries every figure.
 */
import { Card } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useEChart } from '../../components/useEChart';
import { useI18n } from '../../i18n';
import type { ExecutionRow } from '../../services/budget';
import { percentOf } from './model';

echarts.use([BarChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

const BEHIND = '#cf1322';
const ON_TRACK = '#1d4ed8';

export default function ExecutionChart({ rows, time, names }: { rows: ExecutionRow[]; time: number; names: string[] }) {
  const { t } = useI18n();
  // Highest progress at the top: the ranking reads downwards.
  const order = useMemo(() => rows.map((r, i) => ({ r, name: names[i] ?? r.group })).reverse(), [rows, names]);
  const option = useMemo(
    () => ({
      // Drawn at once: a figure, not a show (and what a screenshot or a reader sees is the final one).
      animation: false,
      grid: { left: 8, right: 48, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => t('execution.percent', { percent: String(v) }) },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: (v: number) => t('execution.percent', { percent: v }) } },
      yAxis: { type: 'category', data: order.map((o) => o.name) },
      series: [
        {
          name: t('execution.chart.progress'),
          type: 'bar',
          barMaxWidth: 22,
          data: order.map((o) => ({ value: percentOf(o.r.progress) ?? 0, itemStyle: { color: o.r.behind ? BEHIND : ON_TRACK } })),
          label: { show: true, position: 'right', formatter: (p: { value: number }) => t('execution.percent', { percent: p.value }) },
          markLine: {
            symbol: 'none',
            lineStyle: { color: '#7c4a03', type: 'dashed', width: 2 },
            // Above the line's top, level: readable however few groups there are.
            label: { formatter: t('execution.chart.time', { percent: time }), position: 'end', color: '#7c4a03' },
            data: [{ xAxis: time }],
          },
        },
      ],
    }),
    [order, time, t],
  );
  const { box } = useEChart(option as echarts.EChartsCoreOption);
  const description = t('execution.chart.description', {
    rows: order
      .slice()
      .reverse()
      .map((o) => t('execution.chart.row', { group: o.name, percent: percentOf(o.r.progress) ?? 0, behind: o.r.behind ? t('execution.chart.behindMark') : '' }))
      .join(t('ui.listSeparator')),
    time,
  });
  return (
    <Card title={t('execution.chart.title')} size="small" style={{ marginBottom: 16 }}>
      <figure style={{ margin: 0 }} aria-label={t('execution.chart.title')}>
        <div role="img" aria-label={description} data-testid="execution-chart">
          <div ref={box} style={{ height: Math.max(180, 72 + rows.length * 40) }} />
        </div>
      </figure>
    </Card>
  );
}
