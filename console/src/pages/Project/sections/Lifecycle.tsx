import { Button, Descriptions, Flex, Space, Typography } from 'antd';
import { ResultTag, ToneTag } from '../../../components/Labels';
import { formatFen, formatYuanDigits } from '../../../format/money';
import { useI18n } from '../../../i18n';
import type { ProjectView } from '../../../services/schemas';

/** Hold, acceptance, inspections and a recovery due. */
export function Lifecycle({ project, onRelease }: { project: ProjectView; onRelease?: () => void }) {
  const { t, label } = useI18n();
  const a = project.acceptance;
  const items = [
    {
      key: 'hold',
      label: t('ui.putPaymentsOnHold'),
      children: project.hold ? (
        <Space wrap>
          <ToneTag tone="gold">{t('ui.onHoldSince')}{project.hold.since} {t('project.heldSinceAfter')}</ToneTag>
          <code>{project.hold.entryId}</code>
          {onRelease && (
            <Button size="small" onClick={onRelease}>
              
              {t('entry.hold-release')}
            </Button>
          )}
        </Space>
      ) : (
        t('project.notOnHold')
      ),
    },
    {
      key: 'acceptance',
      label: t('project.acceptance'),
      children: a ? (
        <Space wrap>
          <span>{a.appliedOn} {t('project.applied')}</span>
          {a.result ? (
            <>
              <ResultTag result={a.result} />
              <span>{a.decidedOn} {t('ui.result2')}</span>
            </>
          ) : (
            <ToneTag tone="blue">{t('project.awaitingTheAcceptanceDecision')}</ToneTag>
          )}
        </Space>
      ) : (
        t('project.notAppliedFor')
      ),
    },
    {
      key: 'inspections',
      label: t('project.inspectionsLatestOfEachType'),
      children:
        project.inspections.length === 0 ? (
          t('project.noInspectionsRecorded')
        ) : (
          <Flex vertical gap={4}>
            {project.inspections.map((i) => (
              <Space key={i.entryId} wrap data-testid="inspection">
                <span>{label('inspection', i.kind)}</span>
                <span>{i.inspectedOn}</span>
                <ResultTag result={i.result} />
                {i.result !== 'pass' && <Typography.Text type="danger">{t('project.findings')}</Typography.Text>}
              </Space>
            ))}
          </Flex>
        ),
    },
    {
      key: 'recovery',
      label: t('ui.toRecover'),
      children: project.recoveryDue ? (
        <Space wrap data-testid="recovery-due">
          <span>{t('ui.toRecover')}{formatFen(project.recoveryDue.amountFen)}</span>
          <span>{t('project.due')}{project.recoveryDue.dueOn}</span>
          <span>{t('project.recovered')}{formatFen(project.recoveryDue.recoveredFen)}</span>
          {project.recoveryDue.outstandingFen > 0 ? <ToneTag tone="red">{t('project.outstanding')}{formatYuanDigits(project.recoveryDue.outstandingFen)} {t('ui.yuan')}</ToneTag> : <ToneTag tone="green">{t('project.recoveredInFull')}</ToneTag>}
        </Space>
      ) : (
        t('ui.none')
      ),
    },
  ];
  return <Descriptions size="small" column={1} bordered items={items} />;
}
