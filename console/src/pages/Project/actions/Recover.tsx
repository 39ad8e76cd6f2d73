import { Alert, Form, Radio, Typography } from 'antd';
import type { Identity } from '../../../auth/types';
import { DateField, MoneyField, TextField, yuanToFen } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { formatFen, formatYuanDigits } from '../../../format/money';
import { recoverySchema, type Funder } from '../../../services/schemas';
import { Figures, LedgerDialog, useProjectPost, type ActionProps, type Values } from './shared';
import { useI18n } from '../../../i18n';

export function Recover({ project, onClose, identity }: ActionProps & { identity: Identity | null }) {
  const { t } = useI18n();
  const send = useProjectPost(project, '/recoveries');
  const funders: Funder[] = [
    ...(identity?.roles.includes('finance-officer') ? (['province'] as const) : []),
    ...(identity?.roles.includes('zone-committee') && identity.zoneId === project.zoneId ? (['zone'] as const) : []),
  ];
  return (
    <LedgerDialog
      onClose={onClose}
      title={t('dialog.recoverMoneyReturnedByThe')}
      formName="recover"
      initialValues={{ funder: funders[0], valueDate: todayInChina(), ...(project.recoveryDue ? { amountFen: formatYuanDigits(project.recoveryDue.outstandingFen) } : {}) }}
      intro={
        <>
          <Typography.Paragraph type="secondary">{t('dialog.moneyTheOwnerActuallyReceived')}</Typography.Paragraph>
          <Figures
            items={funders.flatMap((f) => [
              [t('dialog.paid', { v1: project.funderNames[f] }), project.balances[f].disbursedFen] as [string, number],
              [t('dialog.recovered', { v1: project.funderNames[f] }), project.balances[f].recoveredFen] as [string, number],
            ])}
          />
          {project.recoveryDue && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('dialog.toRecoverDueOutstanding', { v1: formatFen(project.recoveryDue.amountFen), dueOn: project.recoveryDue.dueOn, v2: formatFen(project.recoveryDue.outstandingFen) })} />
          )}
        </>
      }
      toBody={(v: Values) => ({ funder: v.funder, amountFen: yuanToFen(v.amountFen), valueDate: v.valueDate, reference: v.reference, reason: v.reason })}
      schema={recoverySchema}
      send={send}
    >
      <Form.Item name="funder" label={t('ui.funder')} rules={[{ required: true }]}>
        <Radio.Group options={funders.map((f) => ({ value: f, label: project.funderNames[f] }))} optionType="button" />
      </Form.Item>
      <MoneyField name="amountFen" label={t('dialog.amountRecoveredYuan')} testId="capital-amount" />
      <DateField name="valueDate" label={t('dialog.returnedOn')} />
      <TextField name="reference" label={t('dialog.paymentReceiptNo')} />
      <TextField name="reason" label={t('dialog.reasonForRecovery')} max={500} multiline />
    </LedgerDialog>
  );
}
