/**
 * The portfolio's charts (@ant-design/plots, loaded with this module only). Charts are canvas:
 * each has a text alternative, and the table under them carries every figure.
 */
import { Bar, Column } from '@ant-design/plots';
import { Card, Col, Row } from 'antd';
import type { ReactNode } from 'react';
import { addFen } from '../../../../domain/money';
import type { PortfolioRow } from '../../services/schemas';
import { percent, wanNumber, type GroupBy } from './model';

interface Props {
  rows: PortfolioRow[];
  groupBy: GroupBy;
  onOpen: (group: string) => void;
}

/** A click on a bar leads to the group's projects. */
function clickThrough(onOpen: (group: string) => void) {
  return (_chart: unknown, event: { type?: string; data?: { data?: { group?: unknown } } }) => {
    if (event.type === 'element:click' && typeof event.data?.data?.group === 'string') onOpen(event.data.data.group);
  };
}

function Figure({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <Card title={title} size="small" style={{ height: '100%' }}>
      <figure style={{ margin: 0 }} aria-label={title}>
        <div role="img" aria-label={description}>
          {children}
        </div>
        <figcaption style={{ fontSize: 12, color: 'rgba(0,0,0,0.65)', marginTop: 4 }}>点击柱形查看该分组的项目。</figcaption>
      </figure>
    </Card>
  );
}

export default function Charts({ rows, onOpen }: Props) {
  const money = rows.flatMap((r) => [
    { group: r.group, series: '合同资助', value: wanNumber(addFen(r.province.grantFen, r.zone.grantFen)) },
    { group: r.group, series: '已下达/确认', value: wanNumber(addFen(r.province.allocatedFen, r.zone.allocatedFen)) },
    { group: r.group, series: '省级已划转高新区', value: wanNumber(r.province.transferredFen) },
    { group: r.group, series: '已拨付给承担单位', value: wanNumber(addFen(r.province.paidFen, r.zone.paidFen)) },
  ]);
  const shares = rows.map((r) => ({
    group: r.group,
    share: r.paidShare.denominator === 0 ? 0 : Number(percent(r.paidShare).replace('%', '')),
  }));
  const counts = rows.flatMap((r) => [
    { group: r.group, series: '拨付滞后项目', value: r.laggingCount },
    { group: r.group, series: '资金滞留高新区项目', value: r.heldCount },
  ]);
  const describe = rows.map((r) => `${r.group}：已拨付 ${wanNumber(addFen(r.province.paidFen, r.zone.paidFen))} 万元，拨付率 ${percent(r.paidShare)}`).join('；');

  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} xl={12}>
        <Figure title="资金到位（万元）" description={describe}>
          <Column
            data={money}
            xField="group"
            yField="value"
            colorField="series"
            group
            height={300}
            axis={{ y: { title: '万元' } }}
            legend={{ color: { position: 'top' } }}
            onEvent={clickThrough(onOpen)}
          />
        </Figure>
      </Col>
      <Col xs={24} xl={6}>
        <Figure title="拨付率（已拨付 ÷ 合同资助）" description={shares.map((s) => `${s.group} ${s.share}%`).join('；')}>
          <Bar data={shares} xField="group" yField="share" height={300} axis={{ y: { title: '%' } }} label={{ text: (d: { share: number }) => `${d.share}%` }} onEvent={clickThrough(onOpen)} />
        </Figure>
      </Col>
      <Col xs={24} xl={6}>
        <Figure title="滞后与滞留项目数" description={counts.map((c) => `${c.group} ${c.series} ${c.value}`).join('；')}>
          <Column data={counts} xField="group" yField="value" colorField="series" group height={300} legend={{ color: { position: 'top' } }} onEvent={clickThrough(onOpen)} />
        </Figure>
      </Col>
    </Row>
  );
}
