/**
 * The portfolio's summary cards: the counts of projects, then per pair of funding bodies (省级 /
 * 高新区, 市级 / 园区 …) its totals, each shown with the parts it is the sum of. No card adds one
 * pair's money to another's (issue 19).
 */
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { funderNamesIn, term, type TermId, type Vars } from '../../../../domain/glossary/with-console';
import { formatWanYuan } from '../../format/money';
import { useI18n } from '../../i18n';
import type { Portfolio } from '../../services/schemas';
import { fundedCards, percent, type Funded } from './model';

type Totals = Portfolio['totals'];

function Sum({ title, totalFen, parts, testId }: { title: string; totalFen: number; parts: [string, number][]; testId: string }) {
  return (
    <Card size="small" data-testid={testId} style={{ height: '100%' }}>
      <Statistic title={title} value={formatWanYuan(totalFen)} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {parts.map(([name, fen], i) => (
          <span key={name} style={{ whiteSpace: 'nowrap' }}>
            {i > 0 ? ' + ' : ''}
            {name} {formatWanYuan(fen)}
          </span>
        ))}
      </Typography.Text>
    </Card>
  );
}

function PairCards({ f }: { f: Funded }) {
  const { language } = useI18n();
  const t = (id: TermId, vars: Vars = {}) => term(id, language, vars, f.funderNames);
  const names = funderNamesIn(f.funderNames, language);
  const fig = (funder: 'province' | 'zone', balance: TermId) => t('report.figure', { funder: names[funder], balance: t(balance) });
  const c = fundedCards(f);
  return (
    <>
      <Col xs={12} xl={6}>
        <Sum testId="funded-grant" title={t('report.jointGrant')} totalFen={c.grant.totalFen} parts={[[names.province, c.grant.provinceFen], [names.zone, c.grant.zoneFen]]} />
      </Col>
      <Col xs={12} xl={6}>
        <Sum
          testId="funded-committed"
          title={t('report.committed')}
          totalFen={c.committed.totalFen}
          parts={[[fig('province', 'balance.allocated'), c.committed.provinceFen], [fig('zone', 'balance.confirmed'), c.committed.zoneFen]]}
        />
      </Col>
      <Col xs={12} xl={6}>
        <Sum testId="funded-paid" title={t('report.jointPaid')} totalFen={c.paid.totalFen} parts={[[names.province, c.paid.provinceFen], [names.zone, c.paid.zoneFen]]} />
      </Col>
      <Col xs={12} xl={6}>
        <Card size="small" style={{ height: '100%' }}>
          <Statistic title={t('report.pairShare')} value={percent(f.paidShare)} />
        </Card>
      </Col>
    </>
  );
}

export function FundedCards({ totals }: { totals: Totals }) {
  const { language } = useI18n();
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} xl={6}>
          <Card size="small">
            <Statistic title={term('report.projects', language)} value={totals.projects} />
          </Card>
        </Col>
        <Col xs={12} xl={6}>
          <Card size="small">
            <Statistic title={`${term('report.lagging', language)} · ${term('report.held', language)}`} value={`${totals.laggingCount} · ${totals.heldCount}`} />
          </Card>
        </Col>
      </Row>
      {totals.funders.map((f) => (
        <Row key={`${f.funderNames.province}/${f.funderNames.zone}`} gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="funded-cards">
          <PairCards f={f} />
        </Row>
      ))}
    </>
  );
}
