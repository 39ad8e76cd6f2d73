import { Form, Radio, Typography } from 'antd';
import { DateField, optionalFen, TextField } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { useI18n } from '../../../i18n';
import { acceptanceResultSchema } from '../../../services/schemas';
import { RecoveryDueFields } from './RecoveryDueFields';
import { LedgerDialog, memoOf, strip, useProjectPost, type ActionProps, type Values } from './shared';

export function DecideAcceptance({ project, onClose }: ActionProps) {
  const send = useProjectPost(project, '/acceptance-results');
  const { t, label } = useI18n();
  return (
    <LedgerDialog
      onClose={onClose}
      title={t('dialog.recordTheAcceptanceDecision')}
      formName="acceptanceResult"
      initialValues={{ result: 'pass', decidedOn: todayInChina() }}
      intro={
        <Typography.Paragraph type="secondary">
          {project.acceptance ? t('dialog.theZoneAppliedForAcceptance', { appliedOn: project.acceptance.appliedOn }) : ''}{t('dialog.onceRecordedTheProjectIs')}
        </Typography.Paragraph>
      }
      toBody={(v: Values) =>
        strip({ result: v.result, decidedOn: v.decidedOn, reference: v.reference, recoveryDueFen: optionalFen(v.recoveryDueFen), recoveryDueOn: v.recoveryDueOn || undefined, memo: memoOf(v.memo) })
      }
      schema={acceptanceResultSchema}
      send={send}
    >
      <Form.Item name="result" label={t('dialog.acceptanceResult')} rules={[{ required: true }]}>
        <Radio.Group options={(['pass', 'fail'] as const).map((r) => ({ value: r, label: label('result', r) }))} optionType="button" />
      </Form.Item>
      <DateField name="decidedOn" label={t('dialog.decidedOn')} />
      <TextField name="reference" label={t('dialog.acceptanceDocumentNo')} />
      <RecoveryDueFields />
      <TextField name="memo" label={t('dialog.acceptanceComments')} required={false} max={500} />
    </LedgerDialog>
  );
}
