import { Form, Radio, Select, Typography } from 'antd';
import type { Identity } from '../../../auth/types';
import { DateField, MoneyField, TextField, yuanToFen } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { formatYuanDigits } from '../../../format/money';
import { disbursementSchema, type Funder, type ProjectView } from '../../../services/schemas';
import { Figures, LedgerDialog, memoOf, strip, useProjectPost, type ActionProps, type Values } from './shared';

/**
 * What a funder can still pay to the owner: inside the zone the province share is limited by what
 * was transferred to the zone, everything else by what is confirmed (decommitments already
 * deducted), less what was paid.
 */
export function payableFen(project: ProjectView, funder: Funder): number {
  const b = project.balances[funder];
  if (funder === 'province' && project.insideZone) return Math.max(0, (b.transferredFen ?? 0) - b.disbursedFen);
  return Math.max(0, b.confirmedFen - b.disbursedFen);
}

const firstUnpaid = (project: ProjectView, funder: Funder) => project.schedule.find((t) => t.funder === funder && t.status !== 'paid');

/** The tranches of the funder chosen in the form. */
function TrancheSelect({ project }: { project: ProjectView }) {
  const funder: Funder = Form.useWatch('funder') ?? 'province';
  return (
    <Form.Item name="trancheId" label="对应批次">
      <Select
        allowClear
        placeholder="不指定"
        options={project.schedule
          .filter((t) => t.funder === funder)
          .map((t) => ({
            value: t.trancheId,
            label: `${t.trancheId} · 应拨付 ${t.dueOn} · 计划 ${formatYuanDigits(t.amountFen)} 元 · 已拨 ${formatYuanDigits(t.paidFen)} 元`,
          }))}
      />
    </Form.Item>
  );
}

/** The figures of the funder chosen in the form (rendered inside it, so it follows the choice). */
function PayFigures({ project }: { project: ProjectView }) {
  const funder: Funder = Form.useWatch('funder') ?? 'province';
  return (
    <Figures
      testId="pay-figures"
      items={[
        [`${project.funderNames[funder]}可拨付`, payableFen(project, funder)],
        [`${project.funderNames[funder]}已拨付`, project.balances[funder].disbursedFen],
      ]}
    />
  );
}

export function Pay({ project, onClose, identity }: ActionProps & { identity: Identity | null }) {
  const send = useProjectPost(project, '/disbursements');
  const zonePays = project.insideZone && identity?.roles.includes('zone-committee');
  const funders: Funder[] = zonePays ? ['province', 'zone'] : ['province'];
  const firstDue = project.schedule.find((t) => t.status !== 'paid' && funders.includes(t.funder));
  return (
    <LedgerDialog
      onClose={onClose}
      title="拨付给承担单位"
      formName="pay"
      initialValues={{ funder: firstDue?.funder ?? 'province', paidOn: todayInChina(), ...(firstDue ? { trancheId: firstDue.trancheId } : {}) }}
      intro={
        <>
          <Typography.Paragraph type="secondary">
            {project.insideZone
              ? `区内项目由${project.funderNames.zone}管委会拨付两部分资金：${project.funderNames.province}部分以已划转到区的资金为限，${project.funderNames.zone}部分以已确认的配套资金为限。`
              : '区外项目由省级直接拨付给承担单位。'}
          </Typography.Paragraph>
          <PayFigures project={project} />
        </>
      }
      toBody={(v: Values) =>
        strip({ funder: v.funder, amountFen: yuanToFen(v.amountFen), paidOn: v.paidOn, reference: v.reference, trancheId: v.trancheId || undefined, memo: memoOf(v.memo) })
      }
      schema={disbursementSchema}
      send={send}
      onValuesChange={(changed, form) => {
        // The tranche belongs to the funder: switching the funder proposes its first unpaid tranche.
        if ('funder' in changed) form.setFieldValue('trancheId', firstUnpaid(project, changed.funder as Funder)?.trancheId);
      }}
    >
      <Form.Item name="funder" label="资金来源" rules={[{ required: true }]}>
        <Radio.Group options={funders.map((f) => ({ value: f, label: project.funderNames[f] }))} optionType="button" />
      </Form.Item>
      <MoneyField name="amountFen" label="拨付金额（元）" testId="capital-amount" />
      <DateField name="paidOn" label="拨付日期" />
      <TrancheSelect project={project} />
      <TextField name="reference" label="支付凭证号" />
      <TextField name="memo" label="备注" required={false} max={500} />
    </LedgerDialog>
  );
}
