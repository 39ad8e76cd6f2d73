import { Checkbox, Form, Space, Typography } from 'antd';
import { addMonths } from '../../../../../domain/dates';
import { DateField, MoneyField, optionalFen, TextField, yuanToFen } from '../../../components/forms';
import { ScheduleEditor } from '../../../components/ScheduleEditor';
import { formatFen, formatYuanDigits } from '../../../format/money';
import { adjustmentSchema, type Program } from '../../../services/schemas';
import { LedgerDialog, strip, useProjectPost, type ActionProps, type Values } from './shared';
import { useI18n } from '../../../i18n';

export function Adjustment({ project, onClose, program }: ActionProps & { program: Program | undefined }) {
  const { t } = useI18n();
  const send = useProjectPost(project, '/adjustments');
  const maxEnd = program ? addMonths(project.registeredContract.endsOn, program.maxExtensionMonths) : undefined;
  return (
    <LedgerDialog
      onClose={onClose}
      width={760}
      title={t('dialog.proposeAContractAdjustmentOr')}
      formName="adjustment"
      initialValues={{
        editSchedule: false,
        schedule: project.schedule.map((t) => ({ trancheId: t.trancheId, funder: t.funder, dueOn: t.dueOn, amountFen: formatYuanDigits(t.amountFen) })),
      }}
      intro={
        <Typography.Paragraph type="secondary">
          
          {t('dialog.fillInOnlyWhatChanges')}
          {maxEnd ? t('dialog.extensionAtMostToMonths', { maxEnd, maxExtensionMonths: program!.maxExtensionMonths }) : ''}
        </Typography.Paragraph>
      }
      toBody={(v: Values) => {
        const contract = strip({ provinceGrantFen: optionalFen(v.provinceGrantFen), zoneGrantFen: optionalFen(v.zoneGrantFen), endsOn: v.endsOn || undefined });
        return strip({
          contract: Object.keys(contract).length ? contract : undefined,
          newInvestmentFen: optionalFen(v.newInvestmentFen),
          schedule: v.editSchedule
            ? (v.schedule as Values[]).map((t) => ({ trancheId: t.trancheId, funder: t.funder, dueOn: t.dueOn, amountFen: yuanToFen(t.amountFen) }))
            : undefined,
          reference: v.reference,
          reason: v.reason,
        });
      }}
      schema={adjustmentSchema}
      send={send}
    >
      <Space.Compact block style={{ gap: 16, display: 'flex' }}>
        <div style={{ flex: 1 }}>
          <MoneyField name="provinceGrantFen" label={t('dialog.grantBecomesYuan')} required={false} help={t('dialog.now', { v1: formatFen(project.contract.provinceGrantFen) })} />
        </div>
        <div style={{ flex: 1 }}>
          <MoneyField name="zoneGrantFen" label={t('dialog.grantBecomesYuan2')} required={false} allowZero help={t('dialog.now', { v1: formatFen(project.contract.zoneGrantFen) })} />
        </div>
      </Space.Compact>
      <Space.Compact block style={{ gap: 16, display: 'flex' }}>
        <div style={{ flex: 1 }}>
          <DateField name="endsOn" label={t('dialog.implementationEndsOn')} required={false} past={false} help={t('dialog.now2', { endsOn: project.contract.endsOn })} />
        </div>
        <div style={{ flex: 1 }}>
          <MoneyField name="newInvestmentFen" label={t('dialog.newInvestmentBecomesYuan')} required={false} help={t('dialog.now', { v1: formatFen(project.newInvestmentFen) })} />
        </div>
      </Space.Compact>
      <Form.Item name="editSchedule" valuePropName="checked">
        <Checkbox>{t('dialog.adjustThePaymentScheduleToo')}</Checkbox>
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.editSchedule !== b.editSchedule}>
        {({ getFieldValue }) => (getFieldValue('editSchedule') ? <ScheduleEditor funderNames={project.funderNames} /> : null)}
      </Form.Item>
      <TextField name="reference" label={t('dialog.adjustmentDocumentNo')} />
      <TextField name="reason" label={t('dialog.reasonForTheAdjustment')} max={500} multiline />
    </LedgerDialog>
  );
}
