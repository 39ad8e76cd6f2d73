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
import { useEffect, useMemo, type ReactNode } from 'react';
import { useEChart } from '../../components/useEChart';
import { term } from '../../../../domain/glossary/with-console';
import { useI18n } from '../../i18n';
import type { PortfolioRow } from '../../services/schemas';
import { countsOption, moneyOption, shareOption, sharePercent, type ChartOption, type NameOf } from './chartOptions';
import { fundedCards, percent, wanNumber } from './model';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface Props {
  rows: PortfolioRow[];
  /** A group's name, for its bars and the charts' text alternatives. */
  nameOf: NameOf;
  onOpen: (group: string) => void;
}

/** One chart on a canvas of its own; a click on a bar leads to that group's projects (bars are named, groups are codes: by index). */
function EChart({ option, height, groups, onOpen }: { option: ChartOption; height: number; groups: string[]; onOpen: (group: string) => void }) {
  const { box, chart } = useEChart(option);
  useEffect(() => {
    const c = chart.current;
    const click = (params: { dataIndex?: unknown }) => {
      const group = typeof params.dataIndex === 'number' ? groups[params.dataIndex] : undefined;
      if (group !== undefined) onOpen(group);
    };
    c?.on('click', click);
    return () => void c?.off('click', click);
  }, [groups, onOpen]);
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

export default function Charts({ rows, nameOf, onOpen }: Props) {
  const { language, t } = useI18n();
  const money = useMemo(() => moneyOption(rows, language, nameOf), [rows, language, nameOf]);
  const share = useMemo(() => shareOption(rows, language, nameOf), [rows, language, nameOf]);
  const counts = useMemo(() => countsOption(rows, language, nameOf), [rows, language, nameOf]);
  const groups = useMemo(() => rows.map((r) => r.group), [rows]);
  // Text alternatives: each pair of funding bodies under its own names, never summed together.
  const funded = rows.flatMap((r) => r.funders.map((f) => ({ group: nameOf(r.group), names: f.funderNames, f })));
  const shares = funded.map(({ group, names, f }) => `${group} ${term('report.pairShare', language, {}, names)} ${sharePercent(f)}%`);
  const describe = funded.map(({ group, names, f }) => t('portfolio.pairPaidDescription', { group, pair: term('report.jointPaid', language, {}, names), v1: wanNumber(fundedCards(f).paid.totalFen), v2: percent(f.paidShare) })).join(t('ui.listSeparator'));
  const countText = rows.flatMap((r) => [t('portfolio.laggingProjects', { group: nameOf(r.group), laggingCount: r.laggingCount }), t('portfolio.projectsWithMoneyHeldAt', { group: nameOf(r.group), heldCount: r.heldCount })]).join(t('ui.listSeparator'));

  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} xl={12}>
        <Figure title={t('portfolio.fundingInPlace10kYuan')} description={describe}>
          <EChart option={money} height={300} groups={groups} onOpen={onOpen} />
        </Figure>
      </Col>
      <Col xs={24} xl={6}>
        <Figure title={t('portfolio.paidSharePaidContractGrant')} description={shares.join(t('ui.listSeparator'))}>
          <EChart option={share} height={300} groups={groups} onOpen={onOpen} />
        </Figure>
      </Col>
      <Col xs={24} xl={6}>
        <Figure title={t('portfolio.laggingAndHeldProjects')} description={countText}>
          <EChart option={counts} height={300} groups={groups} onOpen={onOpen} />
        </Figure>
      </Col>
    </Row>
  );
}
