import { Alert, Descriptions, Form, Input } from 'antd';
import { TextField } from '../../../components/forms';
import { formatFen } from '../../../format/money';
import { useI18n } from '../../../i18n';
import { reversalSchema, type Entry } from '../../../services/schemas';
import { LedgerDialog, useProjectPost, type ActionProps, type Values } from './shared';

export function Reverse({ project, onClose, entry }: ActionProps & { entry: Entry }) {
  const send = useProjectPost(project, '/reversals');
  const { label } = useI18n();
  return (
    <LedgerDialog
      onClose={onClose}
      title="冲正（差错更正）"
      formName="reverse"
      initialValues={{ entryId: entry.entryId }}
      intro={
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="双人复核：冲正须由录入该记录的同岗位另一人办理"
            description="冲正视同该记录从未发生，仅当冲正后所有规则仍然成立时才被接受；每条记录只能冲正一次。资金确实拨出又确实退回的，请用“收回”，不要冲正。"
          />
          <Descriptions
            size="small"
            bordered
            column={2}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'id', label: '记录', children: <code>{entry.entryId}</code> },
              { key: 'type', label: '类型', children: label('entry', entry.type) },
              { key: 'amount', label: '金额', children: entry.amountFen === null ? '—' : formatFen(entry.amountFen) },
              { key: 'date', label: '业务日期', children: entry.valueDate },
              { key: 'actor', label: '录入人', children: entry.actor.sub },
              { key: 'ref', label: '文号/凭证', children: entry.reference ?? '—' },
            ]}
          />
        </>
      }
      toBody={(v: Values) => ({ entryId: v.entryId, reason: v.reason })}
      schema={reversalSchema}
      send={send}
      okText="冲正"
    >
      <Form.Item name="entryId" label="冲正的记录" rules={[{ required: true }]}>
        <Input readOnly />
      </Form.Item>
      <TextField name="reason" label="冲正原因" max={500} multiline />
    </LedgerDialog>
  );
}
