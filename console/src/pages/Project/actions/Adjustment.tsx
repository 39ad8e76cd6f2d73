import { Checkbox, Form, Space, Typography } from 'antd';
import { addMonths } from '../../../../../domain/dates';
import { DateField, MoneyField, optionalFen, TextField, yuanToFen } from '../../../components/forms';
import { ScheduleEditor } from '../../../components/ScheduleEditor';
import { formatFen, formatYuanDigits } from '../../../format/money';
import { adjustmentSchema, type Program } from '../../../services/schemas';
import { LedgerDialog, strip, useProjectPost, type ActionProps, type Values } from './shared';

export function Adjustment({ project, onClose, program }: ActionProps & { program: Program | undefined }) {
  const send = useProjectPost(project, '/adjustments');
  const maxEnd = program ? addMonths(project.registeredContract.endsOn, program.maxExtensionMonths) : undefined;
  return (
    <LedgerDialog
      onClose={onClose}
      width={760}
      title="申请合同调整或延期"
      formName="adjustment"
      initialValues={{
        editSchedule: false,
        schedule: project.schedule.map((t) => ({ trancheId: t.trancheId, funder: t.funder, dueOn: t.dueOn, amountFen: formatYuanDigits(t.amountFen) })),
      }}
      intro={
        <Typography.Paragraph type="secondary">
          只填写要改变的项目。管理员（另一人）批准后生效；批准时按调整后的合同重新检查全部上限、拨付计划合计与实施期限，资助额不得低于已承诺的金额。
          {maxEnd ? `延期最迟至 ${maxEnd}（原结束日后 ${program!.maxExtensionMonths} 个月）。` : ''}
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
          <MoneyField name="provinceGrantFen" label={`${project.funderNames.province}资助调整为（元）`} required={false} help={`现为 ${formatFen(project.contract.provinceGrantFen)}`} />
        </div>
        <div style={{ flex: 1 }}>
          <MoneyField name="zoneGrantFen" label={`${project.funderNames.zone}资助调整为（元）`} required={false} allowZero help={`现为 ${formatFen(project.contract.zoneGrantFen)}`} />
        </div>
      </Space.Compact>
      <Space.Compact block style={{ gap: 16, display: 'flex' }}>
        <div style={{ flex: 1 }}>
          <DateField name="endsOn" label="实施结束日延至" required={false} past={false} help={`现为 ${project.contract.endsOn}`} />
        </div>
        <div style={{ flex: 1 }}>
          <MoneyField name="newInvestmentFen" label="新增投入调整为（元）" required={false} help={`现为 ${formatFen(project.newInvestmentFen)}`} />
        </div>
      </Space.Compact>
      <Form.Item name="editSchedule" valuePropName="checked">
        <Checkbox>同时调整拨付计划</Checkbox>
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.editSchedule !== b.editSchedule}>
        {({ getFieldValue }) => (getFieldValue('editSchedule') ? <ScheduleEditor funderNames={project.funderNames} /> : null)}
      </Form.Item>
      <TextField name="reference" label="调整文号" />
      <TextField name="reason" label="调整原因" max={500} multiline />
    </LedgerDialog>
  );
}
