import { Typography } from 'antd';
import { TextField } from '../../../components/forms';
import { apiPath, useApi } from '../../../services/api';
import { ledgerEventOut, releaseSchema } from '../../../services/schemas';
import { LedgerDialog, memoOf, strip, type ActionProps, type Values } from './shared';
import { useI18n } from '../../../i18n';

/** Offered only while the project is on hold (auth/permissions.ts). */
export function Release({ project, onClose }: ActionProps) {
  const { t } = useI18n();
  const api = useApi();
  const hold = project.hold!;
  return (
    <LedgerDialog
      onClose={onClose}
      title={t('entry.hold-release')}
      formName="release"
      intro={<Typography.Paragraph type="secondary">{t('ui.onHoldSince')}{hold.since} {t('dialog.entry')}{hold.entryId}{t('dialog.onceReleasedTransfersAndPayments')}</Typography.Paragraph>}
      toBody={(v: Values) => strip({ reference: memoOf(v.reference), memo: memoOf(v.memo) })}
      schema={releaseSchema}
      send={(body, key) => api.post(`${apiPath`/projects/${project.projectId}/holds/${hold.entryId}`}/release`, body, { schema: ledgerEventOut, idempotencyKey: key })}
      okText={t('entry.hold-release')}
    >
      <TextField name="reference" label={t('dialog.decisionDocumentNo')} required={false} />
      <TextField name="memo" label={t('ui.explanation')} required={false} max={500} />
    </LedgerDialog>
  );
}
