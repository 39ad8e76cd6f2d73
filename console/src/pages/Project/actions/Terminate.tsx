import { Alert } from 'antd';
import { optionalFen, TextField } from '../../../components/forms';
import { terminationSchema } from '../../../services/schemas';
import { RecoveryDueFields } from './RecoveryDueFields';
import { LedgerDialog, strip, useProjectPost, type ActionProps, type Values } from './shared';
import { useI18n } from '../../../i18n';

export function Terminate({ project, onClose }: ActionProps) {
  const { t } = useI18n();
  const send = useProjectPost(project, '/termination');
  return (
    <LedgerDialog
      onClose={onClose}
      title={t('dialog.proposeTerminatingTheProject')}
      formName="termination"
      intro={
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('dialog.fourEyesOneAdminProposes2')}
          description={t('dialog.onceInForceAllocationsAwaiting')}
        />
      }
      toBody={(v: Values) => strip({ reason: v.reason, reference: v.reference, recoveryDueFen: optionalFen(v.recoveryDueFen), recoveryDueOn: v.recoveryDueOn || undefined })}
      schema={terminationSchema}
      send={send}
      okText={t('dialog.proposeTermination')}
    >
      <TextField name="reason" label={t('dialog.reasonForTermination')} max={500} multiline />
      <TextField name="reference" label={t('ui.documentNo')} />
      <RecoveryDueFields />
    </LedgerDialog>
  );
}
