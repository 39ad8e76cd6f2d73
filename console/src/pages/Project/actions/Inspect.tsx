import { Form, Radio, Typography } from 'antd';
import type { Identity } from '../../../auth/types';
import { DateField, TextField } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { useI18n } from '../../../i18n';
import { inspectionSchema } from '../../../services/schemas';
import { LedgerDialog, memoOf, strip, useProjectPost, type ActionProps, type Values } from './shared';

export function Inspect({ project, onClose, identity }: ActionProps & { identity: Identity | null }) {
  const send = useProjectPost(project, '/inspections');
  const { t, label } = useI18n();
  const wide = identity?.roles.includes('admin') || identity?.roles.includes('city-bureau');
  const kinds = wide ? (['mid-term', 'supervision', 'fund-use'] as const) : (['fund-use'] as const);
  return (
    <LedgerDialog
      onClose={onClose}
      title={t('dialog.recordAnInspection')}
      formName="inspection"
      initialValues={{ kind: kinds[0], inspectedOn: todayInChina(), result: 'pass' }}
      intro={!wide ? <Typography.Paragraph type="secondary">{t('dialog.theZoneCommitteeInspectsThe')}</Typography.Paragraph> : undefined}
      toBody={(v: Values) => strip({ kind: v.kind, inspectedOn: v.inspectedOn, result: v.result, reference: v.reference, notes: memoOf(v.notes) })}
      schema={inspectionSchema}
      send={send}
    >
      <Form.Item name="kind" label={t('dialog.inspectionType')} rules={[{ required: true }]}>
        <Radio.Group options={kinds.map((k) => ({ value: k, label: label('inspection', k) }))} optionType="button" />
      </Form.Item>
      <DateField name="inspectedOn" label={t('dialog.inspectedOn')} />
      <Form.Item name="result" label={t('dialog.inspectionResult')} rules={[{ required: true }]}>
        <Radio.Group options={(['pass', 'rectify', 'fail'] as const).map((r) => ({ value: r, label: label('result', r) }))} optionType="button" />
      </Form.Item>
      <TextField name="reference" label={t('dialog.inspectionReportNo')} />
      <TextField name="notes" label={t('dialog.findingsNotes')} required={false} max={2000} multiline />
    </LedgerDialog>
  );
}
