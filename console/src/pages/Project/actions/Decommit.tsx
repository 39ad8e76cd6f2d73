import { Typography } from 'antd';
import { DateField, MoneyField, optionalFen, TextField } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { decommitmentSchema } from '../../../services/schemas';
import { Figures, LedgerDialog, strip, useProjectPost, type ActionProps, type Values } from './shared';
import { useI18n } from '../../../i18n';

export function Decommit({ project, onClose }: ActionProps) {
  const { t } = useI18n();
  const send = useProjectPost(project, '/decommitments');
  const { province, zone } = project.balances;
  return (
    <LedgerDialog
      onClose={onClose}
      title={t('dialog.decommitCancelMoneyThatWill')}
      formName="decommit"
      initialValues={{ valueDate: todayInChina() }}
      intro={
        <>
          <Typography.Paragraph type="secondary">
            
            {t('dialog.decommitsMoneyCommittedButNever')}{project.funderNames.province}{t('dialog.moneyUpToWhatIs')}{project.funderNames.zone}{t('dialog.moneyUpToWhatIs2')}
          </Typography.Paragraph>
          <Figures
            items={[
              [t('dialog.awaitingMatch'), province.pendingFen],
              [t('dialog.confirmedNotTransferred'), province.confirmedFen - (province.transferredFen ?? 0)],
              [t('dialog.confirmedNotPaid'), zone.confirmedFen - zone.disbursedFen],
              [t('dialog.decommitted'), province.decommittedFen + zone.decommittedFen],
            ]}
          />
        </>
      }
      toBody={(v: Values) => {
        const provinceFen = optionalFen(v.provinceFen);
        const zoneFen = optionalFen(v.zoneFen);
        if (!provinceFen && !zoneFen) throw new Error(t('dialog.fillInAtLeastOne'));
        return strip({ provinceFen, zoneFen, valueDate: v.valueDate, reference: v.reference, reason: v.reason });
      }}
      schema={decommitmentSchema}
      send={send}
    >
      <MoneyField name="provinceFen" label={t('dialog.amountDecommittedYuan')} required={false} />
      <MoneyField name="zoneFen" label={t('dialog.amountDecommittedYuan2')} required={false} />
      <DateField name="valueDate" label={t('dialog.decommittedOn')} />
      <TextField name="reference" label={t('dialog.decommitmentDocumentNo')} />
      <TextField name="reason" label={t('dialog.reasonForDecommitting')} max={500} multiline />
    </LedgerDialog>
  );
}
