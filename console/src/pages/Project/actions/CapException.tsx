import { Alert, Form, Select } from 'antd';
import { CAP_RULE, type CapField } from '../../../../../domain/programs/caps';
import { MoneyField, TextField, yuanToFen } from '../../../components/forms';
import { formatYuanDigits } from '../../../format/money';
import { capExceptionSchema, type Program } from '../../../services/schemas';
import { LedgerDialog, useProjectPost, type ActionProps, type Values } from './shared';
import { useI18n } from '../../../i18n';

export function CapException({ project, onClose, program }: ActionProps & { program: Program | undefined }) {
  const { t, label } = useI18n();
  const send = useProjectPost(project, '/cap-exceptions');
  const rules = (program?.caps.inPrinciple ?? []).map((f: CapField) => CAP_RULE[f]);
  return (
    <LedgerDialog
      onClose={onClose}
      title={t('dialog.proposeAnExceptionToAn')}
      formName="capException"
      initialValues={{ rule: rules[0] }}
      intro={
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('dialog.fourEyesOneAdminProposes')}
          description={t('dialog.onlyCapsTheProgramMarks')}
        />
      }
      toBody={(v: Values) => ({ rule: v.rule, limitFen: yuanToFen(v.limitFen), reference: v.reference, reason: v.reason })}
      schema={capExceptionSchema}
      send={send}
    >
      <Form.Item name="rule" label={t('dialog.capRule')} rules={[{ required: true, message: t('ui.choose') }]} extra={rules.length === 0 ? t('dialog.theProgramHasNoCap') : undefined}>
        <Select
          options={rules.map((r) => {
            const current = project.limits.find((l) => l.rule === r);
            return { value: r, label: current ? t('dialog.ruleWithCurrentCap', { rule: label('rule', r), limit: formatYuanDigits(current.limitFen) }) : label('rule', r) };
          })}
        />
      </Form.Item>
      <MoneyField name="limitFen" label={t('dialog.raisedCapYuan')} testId="capital-amount" />
      <TextField name="reference" label={t('dialog.approvingDocument')} />
      <TextField name="reason" label={t('dialog.reason')} max={500} multiline />
    </LedgerDialog>
  );
}
