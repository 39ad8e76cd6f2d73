import { Form, Radio, Typography } from 'antd';
import { DateField, optionalFen, TextField } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { useI18n } from '../../../i18n';
import { acceptanceResultSchema } from '../../../services/schemas';
import { RecoveryDueFields } from './RecoveryDueFields';
import { LedgerDialog, memoOf, strip, useProjectPost, type ActionProps, type Values } from './shared';

export function DecideAcceptance({ project, onClose }: ActionProps) {
  const send = useProjectPost(project, '/acceptance-results');
  const { label } = useI18n();
  return (
    <LedgerDialog
      onClose={onClose}
      title="录入验收结论"
      formName="acceptanceResult"
      initialValues={{ result: 'pass', decidedOn: todayInChina() }}
      intro={
        <Typography.Paragraph type="secondary">
          {project.acceptance ? `高新区于 ${project.acceptance.appliedOn} 申请验收。` : ''}验收结论录入后项目结题：不再下达、配套或划转；通过后已划转或已确认的资金仍可拨付。
        </Typography.Paragraph>
      }
      toBody={(v: Values) =>
        strip({ result: v.result, decidedOn: v.decidedOn, reference: v.reference, recoveryDueFen: optionalFen(v.recoveryDueFen), recoveryDueOn: v.recoveryDueOn || undefined, memo: memoOf(v.memo) })
      }
      schema={acceptanceResultSchema}
      send={send}
    >
      <Form.Item name="result" label="验收结论" rules={[{ required: true }]}>
        <Radio.Group options={(['pass', 'fail'] as const).map((r) => ({ value: r, label: label('result', r) }))} optionType="button" />
      </Form.Item>
      <DateField name="decidedOn" label="结论日期" />
      <TextField name="reference" label="验收文号" />
      <RecoveryDueFields />
      <TextField name="memo" label="验收意见" required={false} max={500} />
    </LedgerDialog>
  );
}
