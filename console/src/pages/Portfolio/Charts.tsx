/**
 * The portfolio's charts (ECharts, only the bar chart and the grid, legend and tooltip it needs,
 * loaded with this module only). Charts are canvas: each has a text alternative, and the table
 * under them carries every figure.
 */
import { Card, Col, Row } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { addFen } from '../../../../domain/money';
import type { PortfolioRow } from '../../services/schemas';
import { countsOption, moneyOption, shareOption, sharePercent, type ChartOption } from './chartOptions';
import { percent, wanNumber, type GroupBy } from './model';
import { useI18n } from '../../i18n';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface Props {
  rows: PortfolioRow[];
  groupBy: GroupBy;
  onOpen: (group: string) => void;
}

/** One chart on a canvas of its own; a click on a bar leads to that group's projects. */
function EChart({ option, height, onOpen }: { option: ChartOption; height: number; onOpen: (group: string) => void }) {
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
  useEffect(() => {
    const c = chart.current;
    const click = (params: { name?: unknown }) => {
      if (typeof params.name === 'string') onOpen(params.name);
    };
    c?.on('click', click);
    return () => void c?.off('click', click);
  }, [onOpen]);
  return <div ref={box} style={{ height, cursor: 'pointer' }} />;
}

function Figure({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Card title={title} size="small" style={{ height: '100%' }}>
      <figure style={{ margin: 0 }} aria-label={title}>
        <div role="img" aria-label={description}>
          {children}
        </div>
        <figcaption style={{ fontSize: 12, color: 'rgba(0,0,0,0.65)', marginTop: 4 }}>{t('portfolio.clickABarToSee')}</figcaption>
      </figure>
    </Card>
  );
}

export default function Charts({ rows, onOpen }: Props) {
  const { t } = useI18n();
  const money = useMemo(() => moneyOption(rows, t), [rows, t]);
  const share = useMemo(() => shareOption(rows, t), [rows, t]);
  const counts = useMemo(() => countsOption(rows, t), [rows, t]);
  const shares = rows.map((r) => ({ group: r.group, share: sharePercent(r) }));
  const describe = rows.map((r) => t('portfolio.paid10kYuanPaidShare', { group: r.group, v1: wanNumber(addFen(r.province.paidFen, r.zone.paidFen)), v2: percent(r.paidShare) })).join(t('ui.listSeparator'));
  const countText = rows.flatMap((r) => [t('portfolio.laggingProjects', { group: r.group, laggingCount: r.laggingCount }), t('portfolio.projectsWithMoneyHeldAt', { group: r.group, heldCount: r.heldCount })]).join(t('ui.listSeparator'));

  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} xl={12}>
        <Figure title={t('portfolio.fundingInPlace10kYuan')} description={describe}>
          <EChart option={money} height={300} onOpen={onOpen} />
        </Figure>
      </Col>
      <Col xs={24} xl={6}>
        <Figure title={t('portfolio.paidSharePaidContractGrant')} description={shares.map((s) => `${s.group} ${s.share}%`).join(t('ui.listSeparator'))}>
          <EChart option={share} height={300} onOpen={onOpen} />
        </Figure>
      </Col>
      <Col xs={24} xl={6}>
        <Figure title={t('portfolio.laggingAndHeldProjects')} description={countText}>
          <EChart option={counts} height={300} onOpen={onOpen} />
        </Figure>
      </Col>
    </Row>
  );
}
