import { Alert, Form, Radio, Typography } from 'antd';
import type { Identity } from '../../../auth/types';
import { DateField, MoneyField, TextField, yuanToFen } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { formatFen, formatYuanDigits } from '../../../format/money';
import { recoverySchema, type Funder } from '../../../services/schemas';
import { Figures, LedgerDialog, useProjectPost, type ActionProps, type Values } from './shared';

export function Recover({ project, onClose, identity }: ActionProps & { identity: Identity | null }) {
  const send = useProjectPost(project, '/recoveries');
  const funders: Funder[] = [
    ...(identity?.roles.includes('finance-officer') ? (['province'] as const) : []),
    ...(identity?.roles.includes('zone-committee') && identity.zoneId === project.zoneId ? (['zone'] as const) : []),
  ];
  return (
    <LedgerDialog
      onClose={onClose}
      title="收回资金（承担单位缴回）"
      formName="recover"
      initialValues={{ funder: funders[0], valueDate: todayInChina(), ...(project.recoveryDue ? { amountFen: formatYuanDigits(project.recoveryDue.outstandingFen) } : {}) }}
      intro={
        <>
          <Typography.Paragraph type="secondary">承担单位实际收到并实际缴回的资金：原拨付记录保留，不是冲正。</Typography.Paragraph>
          <Figures
            items={funders.flatMap((f) => [
              [`${project.funderNames[f]}已拨付`, project.balances[f].disbursedFen] as [string, number],
              [`${project.funderNames[f]}已收回`, project.balances[f].recoveredFen] as [string, number],
            ])}
          />
          {project.recoveryDue && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`应收回 ${formatFen(project.recoveryDue.amountFen)}，期限 ${project.recoveryDue.dueOn}，尚欠 ${formatFen(project.recoveryDue.outstandingFen)}`} />
          )}
        </>
      }
      toBody={(v: Values) => ({ funder: v.funder, amountFen: yuanToFen(v.amountFen), valueDate: v.valueDate, reference: v.reference, reason: v.reason })}
      schema={recoverySchema}
      send={send}
    >
      <Form.Item name="funder" label="资金来源" rules={[{ required: true }]}>
        <Radio.Group options={funders.map((f) => ({ value: f, label: project.funderNames[f] }))} optionType="button" />
      </Form.Item>
      <MoneyField name="amountFen" label="收回金额（元）" testId="capital-amount" />
      <DateField name="valueDate" label="缴回日期" />
      <TextField name="reference" label="缴款凭证号" />
      <TextField name="reason" label="收回原因" max={500} multiline />
    </LedgerDialog>
  );
}
