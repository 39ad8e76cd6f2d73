import { Typography } from 'antd';
import { DateField, TextField } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { acceptanceApplicationSchema } from '../../../services/schemas';
import { LedgerDialog, memoOf, strip, useProjectPost, type ActionProps, type Values } from './shared';
import { useI18n } from '../../../i18n';

export function ApplyAcceptance({ project, onClose }: ActionProps) {
  const { t } = useI18n();
  const send = useProjectPost(project, '/acceptance-applications');
  return (
    <LedgerDialog
      onClose={onClose}
      title={t('dialog.applyForAcceptance')}
      formName="applyAcceptance"
      initialValues={{ appliedOn: todayInChina() }}
      intro={<Typography.Paragraph type="secondary">{t('ui.implementationPeriod')}{project.contract.startsOn} {t('dialog.to')}{project.contract.endsOn}{t('dialog.acceptanceIsOrganisedByThe')}</Typography.Paragraph>}
      toBody={(v: Values) => strip({ appliedOn: v.appliedOn, reference: v.reference, memo: memoOf(v.memo) })}
      schema={acceptanceApplicationSchema}
      send={send}
    >
      <DateField name="appliedOn" label={t('ui.appliedOn')} />
      <TextField name="reference" label={t('dialog.applicationDocumentNo')} />
      <TextField name="memo" label={t('ui.explanation')} required={false} max={500} />
    </LedgerDialog>
  );
}
