import { Form, Select, Typography } from 'antd';
import { DateField, MoneyField, TextField, yuanToFen } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { formatYuanDigits } from '../../../format/money';
import { matchConfirmationSchema } from '../../../services/schemas';
import { LedgerDialog, memoOf, strip, useProjectPost, type ActionProps, type Values } from './shared';

/** The option for money above the ratio, which answers no province allocation. */
const NONE = '__above-ratio__';

export function Confirm({ project, onClose, allocationEntryId }: ActionProps & { allocationEntryId?: string | undefined }) {
  const send = useProjectPost(project, '/match-confirmations');
  const options = [
    ...project.pendingAllocations.map((a) => ({
      value: a.entryId,
      label: `${a.entryId} · 待配套 ${formatYuanDigits(a.pendingFen)} 元 · 下达 ${a.valueDate} · 配套期限 ${a.matchDueOn}`,
    })),
    { value: NONE, label: '不对应省级下达：高新区超出配套比例的资金' },
  ];
  const preset = allocationEntryId ?? project.pendingAllocations[0]?.entryId ?? NONE;
  return (
    <LedgerDialog
      onClose={onClose}
      title={`确认${project.funderNames.zone}配套资金`}
      formName="confirm"
      initialValues={{ allocationEntryId: preset, valueDate: todayInChina() }}
      intro={
        <Typography.Paragraph type="secondary">
          可分次确认：每次确认一笔省级下达的部分或全部待配套资金（配套金额 × 省 : 区 比例折算省级部分）；在“不低于 1:1”的专项下，超出比例的部分为高新区加大支持的资金。
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
      send={send}
    >
      <Form.Item name="allocationEntryId" label="对应的省级下达" rules={[{ required: true, message: '请选择' }]}>
        <Select options={options} />
      </Form.Item>
      <MoneyField name="amountFen" label={`${project.funderNames.zone}配套金额（元）`} testId="capital-amount" />
      <DateField name="valueDate" label="确认日期" />
      <TextField name="reference" label="配套文件文号" />
      <TextField name="memo" label="备注" required={false} max={500} />
    </LedgerDialog>
  );
}
