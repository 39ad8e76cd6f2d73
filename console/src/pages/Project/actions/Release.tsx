import { Typography } from 'antd';
import { TextField } from '../../../components/forms';
import { apiPath, useApi } from '../../../services/api';
import { ledgerEventOut, releaseSchema } from '../../../services/schemas';
import { LedgerDialog, memoOf, strip, type ActionProps, type Values } from './shared';

/** Offered only while the project is on hold (auth/permissions.ts). */
export function Release({ project, onClose }: ActionProps) {
  const api = useApi();
  const hold = project.hold!;
  return (
    <LedgerDialog
      onClose={onClose}
      title="解除暂停"
      formName="release"
      intro={<Typography.Paragraph type="secondary">自 {hold.since} 起暂停（记录 {hold.entryId}）。解除后可继续划转和拨付。</Typography.Paragraph>}
      toBody={(v: Values) => strip({ reference: memoOf(v.reference), memo: memoOf(v.memo) })}
      schema={releaseSchema}
      send={(body, key) => api.post(`${apiPath`/projects/${project.projectId}/holds/${hold.entryId}`}/release`, body, { schema: ledgerEventOut, idempotencyKey: key })}
      okText="解除暂停"
    >
      <TextField name="reference" label="决定文号" required={false} />
      <TextField name="memo" label="说明" required={false} max={500} />
    </LedgerDialog>
  );
}
