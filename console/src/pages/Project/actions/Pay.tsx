import { Form, Radio, Select, Typography } from 'antd';
import type { Identity } from '../../../auth/types';
import { DateField, MoneyField, TextField, yuanToFen } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { formatYuanDigits } from '../../../format/money';
import { disbursementSchema, type Funder, type ProjectView } from '../../../services/schemas';
import { Figures, LedgerDialog, memoOf, strip, useProjectPost, type ActionProps, type Values } from './shared';
import { useI18n } from '../../../i18n';
import { useWithEvidence } from '../../../components/evidence/EvidenceUpload';

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
  const { t } = useI18n();
  const funder: Funder = Form.useWatch('funder') ?? 'province';
  return (
    <Form.Item name="trancheId" label={t('dialog.tranche')}>
      <Select
        allowClear
        placeholder={t('dialog.notSpecified')}
        options={project.schedule
          .filter((tr) => tr.funder === funder)
          .map((tr) => ({
            value: tr.trancheId,
            label: t('dialog.duePlannedYuanPaidYuan', { trancheId: tr.trancheId, dueOn: tr.dueOn, v1: formatYuanDigits(tr.amountFen), v2: formatYuanDigits(tr.paidFen) }),
          }))}
      />
    </Form.Item>
  );
}

/** The figures of the funder chosen in the form (rendered inside it, so it follows the choice). */
function PayFigures({ project }: { project: ProjectView }) {
  const { t } = useI18n();
  const funder: Funder = Form.useWatch('funder') ?? 'province';
  return (
    <Figures
      testId="pay-figures"
      items={[
        [t('dialog.canPay', { v1: project.funderNames[funder] }), payableFen(project, funder)],
        [t('dialog.paid', { v1: project.funderNames[funder] }), project.balances[funder].disbursedFen],
      ]}
    />
  );
}

export function Pay({ project, onClose, identity }: ActionProps & { identity: Identity | null }) {
  const { t } = useI18n();
  const send = useProjectPost(project, '/disbursements');
  const evidence = useWithEvidence(project, 'payment-receipt');
  const zonePays = project.insideZone && identity?.roles.includes('zone-committee');
  const funders: Funder[] = zonePays ? ['province', 'zone'] : ['province'];
  const firstDue = project.schedule.find((t) => t.status !== 'paid' && funders.includes(t.funder));
  return (
    <LedgerDialog
      onClose={onClose}
      title={t('dialog.payTheOwner')}
      formName="pay"
      initialValues={{ funder: firstDue?.funder ?? 'province', paidOn: todayInChina(), ...(firstDue ? { trancheId: firstDue.trancheId } : {}) }}
      intro={
        <>
          <Typography.Paragraph type="secondary">
            {project.insideZone
              ? t('dialog.insideTheZoneTheCommittee')
              : t('dialog.outsideTheZoneTheProvince2')}
          </Typography.Paragraph>
          <PayFigures project={project} />
        </>
      }
      toBody={(v: Values) =>
        strip({ funder: v.funder, amountFen: yuanToFen(v.amountFen), paidOn: v.paidOn, reference: v.reference, trancheId: v.trancheId || undefined, memo: memoOf(v.memo) })
      }
      schema={disbursementSchema}
      send={evidence.wrap(send)}
      onValuesChange={(changed, form) => {
        // The tranche belongs to the funder: switching the funder proposes its first unpaid tranche.
        if ('funder' in changed) form.setFieldValue('trancheId', firstUnpaid(project, changed.funder as Funder)?.trancheId);
      }}
    >
      <Form.Item name="funder" label={t('ui.funder')} rules={[{ required: true }]}>
        <Radio.Group options={funders.map((f) => ({ value: f, label: project.funderNames[f] }))} optionType="button" />
      </Form.Item>
      <MoneyField name="amountFen" label={t('dialog.amountPaidYuan')} testId="capital-amount" />
      <DateField name="paidOn" label={t('dialog.paidOn')} />
      <TrancheSelect project={project} />
      <TextField name="reference" label={t('dialog.paymentVoucherNo')} />
      <TextField name="memo" label={t('dialog.memo')} required={false} max={500} />
      {evidence.field}
    </LedgerDialog>
  );
}
