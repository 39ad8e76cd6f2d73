import { Form, Select, Typography } from 'antd';
import { DateField, MoneyField, TextField, yuanToFen } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { formatYuanDigits } from '../../../format/money';
import { matchConfirmationSchema } from '../../../services/schemas';
import { LedgerDialog, memoOf, strip, useProjectPost, type ActionProps, type Values } from './shared';
import { useI18n } from '../../../i18n';
import { useWithEvidence } from '../../../components/evidence/EvidenceUpload';

/** The option for money above the ratio, which answers no province allocation. */
const NONE = '__above-ratio__';

export function Confirm({ project, onClose, allocationEntryId }: ActionProps & { allocationEntryId?: string | undefined }) {
  const { t } = useI18n();
  const send = useProjectPost(project, '/match-confirmations');
  const evidence = useWithEvidence(project, 'match-document');
  const options = [
    ...project.pendingAllocations.map((a) => ({
      value: a.entryId,
      label: t('dialog.awaitingMatchYuanAllocatedMatch', { entryId: a.entryId, v1: formatYuanDigits(a.pendingFen), valueDate: a.valueDate, matchDueOn: a.matchDueOn }),
    })),
    { value: NONE, label: t('dialog.noProvinceAllocationZoneMoney') },
  ];
  const preset = allocationEntryId ?? project.pendingAllocations[0]?.entryId ?? NONE;
  return (
    <LedgerDialog
      onClose={onClose}
      title={t('dialog.confirmTheMatch')}
      formName="confirm"
      initialValues={{ allocationEntryId: preset, valueDate: todayInChina() }}
      intro={
        <Typography.Paragraph type="secondary">
          
          {t('dialog.matchesCanBeConfirmedIn')}
        </Typography.Paragraph>
      }
      toBody={(v: Values) =>
        strip({
          allocationEntryId: v.allocationEntryId === NONE ? undefined : v.allocationEntryId,
          amountFen: yuanToFen(v.amountFen),
          valueDate: v.valueDate,
          reference: v.reference,
          memo: memoOf(v.memo),
        })
      }
      schema={matchConfirmationSchema}
      send={evidence.wrap(send)}
    >
      <Form.Item name="allocationEntryId" label={t('dialog.provinceAllocationMatched')} rules={[{ required: true, message: t('ui.choose') }]}>
        <Select options={options} />
      </Form.Item>
      <MoneyField name="amountFen" label={t('dialog.matchYuan')} testId="capital-amount" />
      <DateField name="valueDate" label={t('dialog.confirmedOn')} />
      <TextField name="reference" label={t('dialog.matchDocumentNo')} />
      <TextField name="memo" label={t('dialog.memo')} required={false} max={500} />
      {evidence.field}
    </LedgerDialog>
  );
}
