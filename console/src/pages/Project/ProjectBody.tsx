/** The project page's cards, in the order a person works through them. */
import { Button, Card, Col, DatePicker, Flex, Row, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { projectActions, type ProjectKind } from '../../auth/permissions';
import type { Identity } from '../../auth/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { todayInChina } from '../../format/dates';
import type { CursorPages } from '../../services/lists';
import type { Entry, ProjectView } from '../../services/schemas';
import { ActionsCard } from './ActionsCard';
import { APPROVAL_OF, type OpenAction } from './actions';
import { History } from './History';
import { Balances, Lifecycle, Limits, OpenAlerts, PendingAllocations, Proposals, Registration, Schedule } from './sections';
import type { useVerify } from './tools';
import { useI18n } from '../../i18n';

interface Props {
  project: ProjectView;
  history: CursorPages<Entry>;
  identity: Identity | null;
  /** An as-of view: nothing can be done in it. */
  readOnly: boolean;
  verify: ReturnType<typeof useVerify>;
  onAction: (action: OpenAction) => void;
}

export function ProjectBody({ project: p, history, identity, readOnly, verify, onAction }: Props) {
  const { t } = useI18n();
  const today = todayInChina();
  const offers = readOnly ? [] : projectActions(identity, p, today);
  const offered = (type: ProjectKind) => offers.some((o) => o.type === type && !o.disabledReason);
  return (
    <Flex vertical gap={16}>
      {offers.length > 0 && <ActionsCard offers={offers} onAction={onAction} />}
      <Card title={t('project.registration')}>
        <Registration p={p} />
      </Card>
      <Card title={t('project.balances')}>
        <Balances project={p} />
      </Card>
      {/* Side by side only on a wide screen: the pending allocations need the width for one line each. */}
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={12}>
          <Card title={t('project.provinceAllocationsAwaitingAMatch')} style={{ height: '100%' }}>
            <PendingAllocations project={p} today={today} {...(offered('match-confirmation') ? { onConfirm: (id: string) => onAction({ type: 'match-confirmation', allocationEntryId: id }) } : {})} />
          </Card>
        </Col>
        <Col xs={24} xxl={12}>
          <Card title={t('ui.proposalsAwaitingApprovalFourEyes')} style={{ height: '100%' }}>
            <Proposals project={p} identity={identity} readOnly={readOnly} onApprove={(proposal) => onAction({ type: APPROVAL_OF[proposal.kind], proposal })} />
          </Card>
        </Col>
      </Row>
      <Card title={t('project.limits')}>
        <Limits project={p} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('ui.paymentSchedule')} style={{ height: '100%' }}>
            <Schedule project={p} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('project.projectProgress')} style={{ height: '100%' }}>
            <Lifecycle project={p} {...(offers.some((o) => o.type === 'hold-release') ? { onRelease: () => onAction({ type: 'hold-release' }) } : {})} />
          </Card>
        </Col>
      </Row>
      <Card title={t('ui.openAlerts')}>
        <OpenAlerts project={p} />
      </Card>
      <Card title={t('project.history')} extra={<DigestVerify verify={verify} today={today} />}>
        {history.error ? <ErrorAlert error={history.error} onRetry={history.reload} /> : null}
        <History project={p} history={history} identity={identity} readOnly={readOnly} onReverse={(entry) => onAction({ type: 'reversal', entry })} />
      </Card>
    </Flex>
  );
}

/** Verify against the daily digest of a chosen day. */
function DigestVerify({ verify, today }: { verify: ReturnType<typeof useVerify>; today: string }) {
  const { t } = useI18n();
  const [digestDate, setDigestDate] = useState<Dayjs | null>(null);
  return (
    <Space>
      <label htmlFor="digest-date" style={{ fontSize: 13 }}>
        
        {t('project.checkAgainstADailyDigest')}
      </label>
      <DatePicker id="digest-date" value={digestDate} onChange={setDigestDate} disabledDate={(d) => d.format('YYYY-MM-DD') > today} style={{ width: 140 }} />
      <Button size="small" disabled={!digestDate} loading={verify.isPending && Boolean(verify.variables)} onClick={() => verify.mutate(digestDate!.format('YYYY-MM-DD'))}>
        
        {t('ui.verify')}
      </Button>
    </Space>
  );
}
