import { useEffect } from 'react';
import { Form, Select, Typography } from 'antd';
import { DateField, MoneyField, TextField, yuanToFen } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { formatYuanDigits } from '../../../format/money';
import { useIndicators } from '../../../services/budget';
import { allocationSchema, type ProjectView } from '../../../services/schemas';
import { Figures, LedgerDialog, limitOf, memoOf, strip, useProjectPost, type ActionProps, type Values } from './shared';
import { useI18n } from '../../../i18n';

/**
 * The budget indicator the allocation draws on: the open ones of the project's program and of the
 * value date's year, with what each has left. When none is chosen, the one with the most left is:
 * a default that a later indicator with a small remainder cannot turn into a refusal.
 */
function IndicatorSelect({ project }: { project: ProjectView }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const valueDate: unknown = Form.useWatch('valueDate');
  const year = typeof valueDate === 'string' ? Number(valueDate.slice(0, 4)) : null;
  const open = useIndicators(project.programCode).filter((i) => i.status === 'open' && i.fiscalYear === year);
  const chosen: unknown = Form.useWatch('indicatorNo');
  const fullest = open.reduce<(typeof open)[number] | undefined>((best, i) => (best === undefined || i.remainingFen > best.remainingFen ? i : best), undefined)?.indicatorNo;
  useEffect(() => {
    if (fullest !== undefined && (chosen === undefined || !open.some((i) => i.indicatorNo === chosen))) form.setFieldValue('indicatorNo', fullest);
  });
  return (
    <Form.Item name="indicatorNo" label={t('dialog.budgetIndicator')} extra={t('dialog.budgetIndicatorHelp')}>
      <Select
        allowClear
        placeholder={year === null ? t('dialog.chooseTheDateFirst') : t('dialog.noOpenIndicatorOfYear', { year })}
        options={open.map((i) => ({ value: i.indicatorNo, label: t('dialog.indicatorWithRemaining', { indicatorNo: i.indicatorNo, remaining: formatYuanDigits(i.remainingFen) }) }))}
      />
    </Form.Item>
  );
}

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
      toBody={(v: Values) => strip({ amountFen: yuanToFen(v.amountFen), valueDate: v.valueDate, reference: v.reference, memo: memoOf(v.memo), indicatorNo: typeof v.indicatorNo === 'string' ? v.indicatorNo : undefined })}
      schema={allocationSchema}
      send={send}
    >
      <MoneyField name="amountFen" label={t('ui.amountAllocatedYuan')} testId="capital-amount" />
      <DateField name="valueDate" label={t('ui.allocatedOn')} />
      <IndicatorSelect project={project} />
      <TextField name="reference" label={t('dialog.allocationDocumentNo')} placeholder={t('ui.suCaiJiao2025No')} />
      <TextField name="memo" label={t('dialog.memo')} required={false} max={500} />
    </LedgerDialog>
  );
}
