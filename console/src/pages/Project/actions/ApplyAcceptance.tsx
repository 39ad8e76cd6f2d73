import { Typography } from 'antd';
import { DateField, TextField } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { acceptanceApplicationSchema } from '../../../services/schemas';
import { LedgerDialog, memoOf, strip, useProjectPost, type ActionProps, type Values } from './shared';

export function ApplyAcceptance({ project, onClose }: ActionProps) {
  const send = useProjectPost(project, '/acceptance-applications');
  return (
    <LedgerDialog
      onClose={onClose}
      title="申请验收结题"
      formName="applyAcceptance"
      initialValues={{ appliedOn: todayInChina() }}
      intro={<Typography.Paragraph type="secondary">实施期 {project.contract.startsOn} 至 {project.contract.endsOn}。验收由省科技厅组织，或交由设区市科技局组织。</Typography.Paragraph>}
      toBody={(v: Values) => strip({ appliedOn: v.appliedOn, reference: v.reference, memo: memoOf(v.memo) })}
      schema={acceptanceApplicationSchema}
      send={send}
    >
      <DateField name="appliedOn" label="申请日期" />
      <TextField name="reference" label="申请文号" />
      <TextField name="memo" label="说明" required={false} max={500} />
    </LedgerDialog>
  );
}
