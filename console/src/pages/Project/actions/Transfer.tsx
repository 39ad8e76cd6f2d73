import { Typography } from 'antd';
import { DateField, MoneyField, TextField, yuanToFen } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { transferSchema } from '../../../services/schemas';
import { Figures, LedgerDialog, memoOf, strip, useProjectPost, type ActionProps, type Values } from './shared';
import { useI18n } from '../../../i18n';
import { useWithEvidence } from '../../../components/evidence/EvidenceUpload';

export function Transfer({ project, onClose }: ActionProps) {
  const { t } = useI18n();
  const send = useProjectPost(project, '/transfers');
  const evidence = useWithEvidence(project, 'transfer-voucher');
  const p = project.balances.province;
  const transferable = p.confirmedFen - (p.transferredFen ?? 0);
  return (
    <LedgerDialog
      onClose={onClose}
      title={t('dialog.transferMoneyToThe')}
      formName="transfer"
      initialValues={{ valueDate: todayInChina() }}
      intro={
        <>
          <Typography.Paragraph type="secondary">{t('dialog.provinceMoneyReachesTheZone')}</Typography.Paragraph>
          <Figures
            items={[
              [t('dialog.confirmed'), p.confirmedFen],
              [t('dialog.transferred'), p.transferredFen],
              [t('dialog.canTransfer'), transferable],
              [t('ui.heldAtZone'), p.heldAtZoneFen],
            ]}
          />
        </>
      }
      toBody={(v: Values) => strip({ amountFen: yuanToFen(v.amountFen), valueDate: v.valueDate, reference: v.reference, memo: memoOf(v.memo) })}
      schema={transferSchema}
      send={evidence.wrap(send)}
    >
      <MoneyField name="amountFen" label={t('dialog.amountTransferredYuan')} testId="capital-amount" />
      <DateField name="valueDate" label={t('dialog.transferredOn')} />
      <TextField name="reference" label={t('dialog.transferDocumentVoucherNo')} />
      <TextField name="memo" label={t('dialog.memo')} required={false} max={500} />
      {evidence.field}
    </LedgerDialog>
  );
}
