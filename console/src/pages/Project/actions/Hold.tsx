import { Typography } from 'antd';
import { TextField } from '../../../components/forms';
import { holdSchema } from '../../../services/schemas';
import { LedgerDialog, useProjectPost, type ActionProps, type Values } from './shared';
import { useI18n } from '../../../i18n';

export function Hold({ project, onClose }: ActionProps) {
  const { t } = useI18n();
  const send = useProjectPost(project, '/holds');
  return (
    <LedgerDialog
      onClose={onClose}
      title={t('ui.putPaymentsOnHold')}
      formName="hold"
      intro={<Typography.Paragraph type="secondary">{t('dialog.whileOnHoldNothingCan')}</Typography.Paragraph>}
      toBody={(v: Values) => ({ reason: v.reason, reference: v.reference })}
      schema={holdSchema}
      send={send}
      okText={t('ui.putPaymentsOnHold')}
    >
      <TextField name="reason" label={t('dialog.reasonForTheHold')} max={500} multiline />
      <TextField name="reference" label={t('dialog.decisionDocumentNo')} />
    </LedgerDialog>
  );
}
