/**
 * One ECharts instance on a div of its own: made when the div mounts, resized with it, disposed
 * with it, and given each new option whole (notMerge). The caller registers the chart types it
 * uses (echarts.use) and may listen on the instance (`chart.current`).
 */
import * as echarts from 'echarts/core';
import { useEffect, useRef } from 'react';

export function useEChart(option: echarts.EChartsCoreOption) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const c = echarts.init(box.current!);
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(box.current!);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return { box, chart };
}
