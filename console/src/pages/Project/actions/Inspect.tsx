import { Form, Radio, Typography } from 'antd';
import type { Identity } from '../../../auth/types';
import { DateField, TextField } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { useI18n } from '../../../i18n';
import { inspectionSchema } from '../../../services/schemas';
import { LedgerDialog, memoOf, strip, useProjectPost, type ActionProps, type Values } from './shared';

export function Inspect({ project, onClose, identity }: ActionProps & { identity: Identity | null }) {
  const send = useProjectPost(project, '/inspections');
  const { label } = useI18n();
  const wide = identity?.roles.includes('admin') || identity?.roles.includes('city-bureau');
  const kinds = wide ? (['mid-term', 'supervision', 'fund-use'] as const) : (['fund-use'] as const);
  return (
    <LedgerDialog
      onClose={onClose}
      title="记录检查"
      formName="inspection"
      initialValues={{ kind: kinds[0], inspectedOn: todayInChina(), result: 'pass' }}
      intro={!wide ? <Typography.Paragraph type="secondary">高新区管委会负责本区项目的资金使用检查。</Typography.Paragraph> : undefined}
      toBody={(v: Values) => strip({ kind: v.kind, inspectedOn: v.inspectedOn, result: v.result, reference: v.reference, notes: memoOf(v.notes) })}
      schema={inspectionSchema}
      send={send}
    >
      <Form.Item name="kind" label="检查类型" rules={[{ required: true }]}>
        <Radio.Group options={kinds.map((k) => ({ value: k, label: label('inspection', k) }))} optionType="button" />
      </Form.Item>
      <DateField name="inspectedOn" label="检查日期" />
      <Form.Item name="result" label="检查结论" rules={[{ required: true }]}>
        <Radio.Group options={(['pass', 'rectify', 'fail'] as const).map((r) => ({ value: r, label: label('result', r) }))} optionType="button" />
      </Form.Item>
      <TextField name="reference" label="检查报告文号" />
      <TextField name="notes" label="发现的问题/说明" required={false} max={2000} multiline />
    </LedgerDialog>
  );
}
