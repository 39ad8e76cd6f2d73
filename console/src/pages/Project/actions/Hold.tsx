import { Typography } from 'antd';
import { TextField } from '../../../components/forms';
import { holdSchema } from '../../../services/schemas';
import { LedgerDialog, useProjectPost, type ActionProps, type Values } from './shared';

export function Hold({ project, onClose }: ActionProps) {
  const send = useProjectPost(project, '/holds');
  return (
    <LedgerDialog
      onClose={onClose}
      title="暂停拨付"
      formName="hold"
      intro={<Typography.Paragraph type="secondary">暂停期间不能划转和拨付；滞后预警标注“已暂停”（决定暂停，不是拖延）。</Typography.Paragraph>}
      toBody={(v: Values) => ({ reason: v.reason, reference: v.reference })}
      schema={holdSchema}
      send={send}
      okText="暂停拨付"
    >
      <TextField name="reason" label="暂停原因" max={500} multiline />
      <TextField name="reference" label="决定文号" />
    </LedgerDialog>
  );
}
