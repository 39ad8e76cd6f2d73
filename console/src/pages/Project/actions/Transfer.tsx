import { Typography } from 'antd';
import { DateField, MoneyField, TextField, yuanToFen } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { transferSchema } from '../../../services/schemas';
import { Figures, LedgerDialog, memoOf, strip, useProjectPost, type ActionProps, type Values } from './shared';

export function Transfer({ project, onClose }: ActionProps) {
  const send = useProjectPost(project, '/transfers');
  const p = project.balances.province;
  const transferable = p.confirmedFen - (p.transferredFen ?? 0);
  return (
    <LedgerDialog
      onClose={onClose}
      title={`${project.funderNames.province}资金划转至${project.funderNames.zone}`}
      formName="transfer"
      initialValues={{ valueDate: todayInChina() }}
      intro={
        <>
          <Typography.Paragraph type="secondary">省级资金经财政渠道下达到高新区，由高新区管委会连同配套资金拨付给承担单位。</Typography.Paragraph>
          <Figures
            items={[
              ['已确认', p.confirmedFen],
              ['已划转', p.transferredFen],
              ['可划转', transferable],
              ['高新区留存', p.heldAtZoneFen],
            ]}
          />
        </>
      }
      toBody={(v: Values) => strip({ amountFen: yuanToFen(v.amountFen), valueDate: v.valueDate, reference: v.reference, memo: memoOf(v.memo) })}
      schema={transferSchema}
      send={send}
    >
      <MoneyField name="amountFen" label="划转金额（元）" testId="capital-amount" />
      <DateField name="valueDate" label="划转日期" />
      <TextField name="reference" label="资金下达文号/凭证" />
      <TextField name="memo" label="备注" required={false} max={500} />
    </LedgerDialog>
  );
}
