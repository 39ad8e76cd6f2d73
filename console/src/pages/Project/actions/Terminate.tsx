import { Alert } from 'antd';
import { optionalFen, TextField } from '../../../components/forms';
import { terminationSchema } from '../../../services/schemas';
import { RecoveryDueFields } from './RecoveryDueFields';
import { LedgerDialog, strip, useProjectPost, type ActionProps, type Values } from './shared';

export function Terminate({ project, onClose }: ActionProps) {
  const send = useProjectPost(project, '/termination');
  return (
    <LedgerDialog
      onClose={onClose}
      title="申请终止项目"
      formName="termination"
      intro={
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="双人复核：终止由一位管理员提出，另一位管理员批准后生效"
          description="生效后待配套的下达作废，不能再承诺、划转或拨付新的资金，进度预警停止。"
        />
      }
      toBody={(v: Values) => strip({ reason: v.reason, reference: v.reference, recoveryDueFen: optionalFen(v.recoveryDueFen), recoveryDueOn: v.recoveryDueOn || undefined })}
      schema={terminationSchema}
      send={send}
      okText="提出终止"
    >
      <TextField name="reason" label="终止原因" max={500} multiline />
      <TextField name="reference" label="文号" />
      <RecoveryDueFields />
    </LedgerDialog>
  );
}
