/**
 * The budget on the overview: for finance officers, this year's indicators running out and the
 * zones behind time progress; for a zone committee or a city bureau, its own execution progress
 * (the API scopes the report to its rows).
 */
import { Flex, Progress, Typography } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ToneTag } from '../../components/Labels';
import { todayInChina } from '../../format/dates';
import { formatYuanDigits } from '../../format/money';
import { useI18n } from '../../i18n';
import { useExecution, useIndicators, type ExecutionGroupBy, type ExecutionRow } from '../../services/budget';
import { programName, useCatalog } from '../../services/catalog';
import type { BudgetIndicator } from '../../services/schemas';
import { runningOut, RUNNING_OUT_PERCENT } from '../Budget/model';
import { percentOf, rowName } from '../Execution/model';
import { Nothing, Section, TodoTable } from './parts';

const thisYear = () => Number(todayInChina().slice(0, 4));
const amount = (fen: number) => <span className="amount">{formatYuanDigits(fen)}</span>;

export function IndicatorsRunningOut() {
  const { t } = useI18n();
  const catalog = useCatalog();
  const year = thisYear();
  const low = runningOut(useIndicators(), year);
  return (
    <Section title={t('overview.budget.runningOut')} count={low.length} extra={<Link to={`/budget?fiscalYear=${year}`}>{t('nav.budget')}</Link>} testId="todo-indicators">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('overview.budget.runningOutHint', { share: RUNNING_OUT_PERCENT })}</Typography.Paragraph>
      <TodoTable<BudgetIndicator>
        rows={low}
        empty={t('overview.budget.noneRunningOut')}
        rowKey="indicatorNo"
        columns={[
          { title: t('budget.col.indicator'), dataIndex: 'indicatorNo', render: (no: string, i) => <>{no}<div style={{ fontSize: 12 }}><Typography.Text type="secondary">{programName(catalog, i.programCode)}</Typography.Text></div></> },
          { title: t('budget.col.amount'), dataIndex: 'amountFen', align: 'right', render: amount },
          {
            title: t('budget.col.remaining'),
            dataIndex: 'remainingFen',
            align: 'right',
            render: (fen: number, i) => (
              <>
                {amount(fen)}
                <div><ToneTag tone={fen === 0 ? 'red' : 'gold'}>{t('overview.budget.remainingShare', { percent: percentOf({ numerator: fen, denominator: i.amountFen }) ?? 0 })}</ToneTag></div>
              </>
            ),
          },
        ]}
      />
    </Section>
  );
}

export function ZonesBehind() {
  const { t } = useI18n();
  const catalog = useCatalog();
  const report = useExecution({ fiscalYear: thisYear(), groupBy: 'zone' });
  const behind = (report.data?.rows ?? []).filter((r) => r.behind);
  const pct = (f: ExecutionRow['progress']) => t('execution.percent', { percent: (percentOf(f) ?? 0).toFixed(1) });
  return (
    <Section title={t('overview.budget.zonesBehind')} count={report.data ? behind.length : undefined} extra={<Link to="/execution?groupBy=zone">{t('overview.budget.viewAll')}</Link>} testId="todo-zones-behind">
      {report.error ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} /> : null}
      <TodoTable<ExecutionRow>
        rows={report.data ? behind : undefined}
        loading={report.isPending}
        empty={t('overview.budget.noZoneBehind')}
        rowKey="group"
        columns={[
          { title: t('execution.col.group.zone'), dataIndex: 'group', render: (_: string, r) => rowName(r, 'zone', catalog) },
          { title: t('execution.col.progress'), dataIndex: 'progress', align: 'right', render: (f: ExecutionRow['progress']) => <ToneTag tone="red">{pct(f)}</ToneTag> },
          { title: t('execution.col.timeProgress'), dataIndex: 'timeProgress', align: 'right', render: pct },
        ]}
      />
    </Section>
  );
}

/** A zone committee's or a city bureau's own progress this year, against time progress. */
export function OwnProgress({ groupBy }: { groupBy: ExecutionGroupBy }) {
  const { t } = useI18n();
  const catalog = useCatalog();
  const report = useExecution({ fiscalYear: thisYear(), groupBy });
  const rows = (report.data?.rows ?? []).filter((r) => r.allocatedFen > 0);
  return (
    <Section title={t('overview.budget.ownProgress')} extra={<Link to={`/execution?groupBy=${groupBy}`}>{t('overview.budget.viewAll')}</Link>} testId="own-progress">
      {report.error ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} /> : null}
      {report.data && rows.length === 0 ? <Nothing text={t('overview.budget.nothingAllocated')} /> : null}
      <Flex vertical gap={12}>
        {rows.map((r) => {
          const progress = percentOf(r.progress) ?? 0;
          const time = percentOf(r.timeProgress) ?? 0;
          return (
            <div key={r.group} data-testid="own-progress-row">
              <Flex justify="space-between" gap={8}>
                <span>{t('overview.budget.ownProgressLine', { group: rowName(r, groupBy, catalog), progress: progress.toFixed(1), time: time.toFixed(1) })}</span>
                {r.behind ? <ToneTag tone="red">{t('execution.behind')}</ToneTag> : <ToneTag tone="green">{t('execution.onTrack')}</ToneTag>}
              </Flex>
              <Progress percent={progress} success={{ percent: 0 }} strokeColor={r.behind ? '#cf1322' : '#1d4ed8'} showInfo={false} aria-label={t('execution.col.progress')} />
              <Progress percent={time} strokeColor="#b08900" showInfo={false} size="small" aria-label={t('execution.col.timeProgress')} />
            </div>
          );
        })}
      </Flex>
    </Section>
  );
}
