import { Typography } from 'antd';
import { DateField, MoneyField, TextField, yuanToFen } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { allocationSchema } from '../../../services/schemas';
import { Figures, LedgerDialog, limitOf, memoOf, strip, useProjectPost, type ActionProps, type Values } from './shared';
import { useI18n } from '../../../i18n';

export function Allocate({ project, onClose }: ActionProps) {
  const { t } = useI18n();
  const send = useProjectPost(project, '/allocations');
  const perProject = limitOf(project, 'province-per-project', 'province');
  const grant = limitOf(project, 'contract-grant', 'province');
  return (
    <LedgerDialog
      onClose={onClose}
      title={t('dialog.allocateMoneyAllocationDocument')}
      formName="allocate"
      initialValues={{ valueDate: todayInChina() }}
      intro={
        <>
          <Typography.Paragraph type="secondary">
            {project.insideZone ? t('dialog.insideTheZoneAllocatedMoney') : t('dialog.outsideTheZoneTheProvince')}
            
            {t('dialog.everyAllocationIsCheckedAgainst')}
          </Typography.Paragraph>
          <Figures
            items={[
              [t('dialog.contractGrantHeadroom'), grant?.headroomFen],
              [t('dialog.perProjectCapHeadroom'), perProject?.headroomFen],
            ]}
          />
        </>
      }
      toBody={(v: Values) => strip({ amountFen: yuanToFen(v.amountFen), valueDate: v.valueDate, reference: v.reference, memo: memoOf(v.memo) })}
      schema={allocationSchema}
      send={send}
    >
      <MoneyField name="amountFen" label={t('ui.amountAllocatedYuan')} testId="capital-amount" />
      <DateField name="valueDate" label={t('ui.allocatedOn')} />
      <TextField name="reference" label={t('dialog.allocationDocumentNo')} placeholder={t('ui.suCaiJiao2025No')} />
      <TextField name="memo" label={t('dialog.memo')} required={false} max={500} />
    </LedgerDialog>
  );
}
