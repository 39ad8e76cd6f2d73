import { Alert, Form, Select } from 'antd';
import { CAP_RULE, type CapField } from '../../../../../domain/programs/caps';
import { MoneyField, TextField, yuanToFen } from '../../../components/forms';
import { formatYuanDigits } from '../../../format/money';
import { ruleName } from '../../../services/problems';
import { capExceptionSchema, type Program } from '../../../services/schemas';
import { LedgerDialog, useProjectPost, type ActionProps, type Values } from './shared';

export function CapException({ project, onClose, program }: ActionProps & { program: Program | undefined }) {
  const send = useProjectPost(project, '/cap-exceptions');
  const rules = (program?.caps.inPrinciple ?? []).map((f: CapField) => CAP_RULE[f]);
  return (
    <LedgerDialog
      onClose={onClose}
      title="申请突破“原则上”上限（例外）"
      formName="capException"
      initialValues={{ rule: rules[0] }}
      intro={
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="双人复核：例外由一位管理员提出，另一位管理员批准后生效"
          description="只有专项列为“原则上”的上限可以例外，须引用批准文件；硬性上限（如比例、集群总额）不能例外。"
        />
      }
      toBody={(v: Values) => ({ rule: v.rule, limitFen: yuanToFen(v.limitFen), reference: v.reference, reason: v.reason })}
      schema={capExceptionSchema}
      send={send}
    >
      <Form.Item name="rule" label="上限规则" rules={[{ required: true, message: '请选择' }]} extra={rules.length === 0 ? '该专项没有可例外的上限。' : undefined}>
        <Select
          options={rules.map((r) => {
            const current = project.limits.find((l) => l.rule === r);
            return { value: r, label: `${ruleName(r)}${current ? `（现上限 ${formatYuanDigits(current.limitFen)} 元）` : ''}` };
          })}
        />
      </Form.Item>
      <MoneyField name="limitFen" label="提高后的上限（元）" testId="capital-amount" />
      <TextField name="reference" label="批准文件" />
      <TextField name="reason" label="理由" max={500} multiline />
    </LedgerDialog>
  );
}
