import { Alert, Descriptions, Form, Input } from 'antd';
import { TextField } from '../../../components/forms';
import { formatFen } from '../../../format/money';
import { useI18n } from '../../../i18n';
import { reversalSchema, type Entry } from '../../../services/schemas';
import { LedgerDialog, useProjectPost, type ActionProps, type Values } from './shared';

export function Reverse({ project, onClose, entry }: ActionProps & { entry: Entry }) {
  const send = useProjectPost(project, '/reversals');
  const { t, label } = useI18n();
  return (
    <LedgerDialog
      onClose={onClose}
      title={t('dialog.reverseCorrectAnError')}
      formName="reverse"
      initialValues={{ entryId: entry.entryId }}
      intro={
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('dialog.fourEyesAReversalIs')}
            description={t('dialog.aReversalTreatsTheEntry')}
          />
          <Descriptions
            size="small"
            bordered
            column={2}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'id', label: t('dialog.entry2'), children: <code>{entry.entryId}</code> },
              { key: 'type', label: t('ui.type'), children: label('entry', entry.type) },
              { key: 'amount', label: t('dialog.amount'), children: entry.amountFen === null ? '—' : formatFen(entry.amountFen) },
              { key: 'date', label: t('ui.valueDate'), children: entry.valueDate },
              { key: 'actor', label: t('ui.enteredBy'), children: entry.actor.sub },
              { key: 'ref', label: t('ui.documentVoucherNo'), children: entry.reference ?? '—' },
            ]}
          />
        </>
      }
      toBody={(v: Values) => ({ entryId: v.entryId, reason: v.reason })}
      schema={reversalSchema}
      send={send}
      okText={t('ui.reverse')}
    >
      <Form.Item name="entryId" label={t('dialog.entryReversed')} rules={[{ required: true }]}>
        <Input readOnly />
      </Form.Item>
      <TextField name="reason" label={t('dialog.reasonForTheReversal')} max={500} multiline />
    </LedgerDialog>
  );
}
