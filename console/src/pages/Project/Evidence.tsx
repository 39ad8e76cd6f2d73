/**
 * Each ledger row's evidence: how many files document the entry (or that the program's required
 * evidence is missing), the files themselves — kind, name, size, SHA-256, who recorded them, a
 * view (a PDF or an image in a tab of its own) and a download — and, for whoever may post that kind of entry in their scope, adding one later (a
 * correction replaces an earlier file; nothing is deleted). An evidence row shows its own file.
 */
import { FileProtectOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, List, Modal, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { evidenceByEntry, isViewable, type EvidenceKind, type EvidenceRef } from '../../../../domain/project/evidence';
import { rolesForEntry } from '../../../../domain/project/kinds';
import type { Entry as StoredEntry } from '../../../../domain/project/types';
import type { Identity } from '../../auth/types';
import { explainEvidenceFailure, useEvidenceFile } from '../../components/evidence/EvidenceUpload';
import { ProblemAlert } from '../../components/forms';
import { useWords } from '../../components/evidence/words';
import { ToneTag } from '../../components/Labels';
import { formatTimestamp } from '../../format/dates';
import { useI18n } from '../../i18n';
import { useApi } from '../../services/api';
import { downloadEvidence, viewEvidence } from '../../services/evidence';
import type { Explained } from '../../services/problems';
import { useSubmission } from '../../services/idempotency';
import { useRecordWrite } from '../../services/project';
import type { Entry, ProjectView } from '../../services/schemas';

/** The evidence of each entry read so far (the history's entries are the stored entries). */
export function useEvidenceOfEntries(items: readonly Entry[]): Map<string, EvidenceRef[]> {
  return useMemo(() => evidenceByEntry(items as unknown as StoredEntry[]), [items]);
}

/** Whoever may post an entry like this one, in their zone or city, may add its evidence. */
export function mayAttachEvidence(identity: Identity | null, project: ProjectView, entry: Entry): boolean {
  if (!identity || entry.type === 'evidence') return false;
  return rolesForEntry(entry as unknown as StoredEntry, { insideZone: project.insideZone }).some(
    (role) => identity.roles.includes(role) && (role !== 'zone-committee' || identity.zoneId === project.zoneId) && (role !== 'city-bureau' || identity.city === project.city),
  );
}

const KIND_FOR: Record<string, EvidenceKind> = {
  disbursement: 'payment-receipt',
  transfer: 'transfer-voucher',
  'match-confirmation': 'match-document',
  'acceptance-application': 'acceptance-report',
  'acceptance-result': 'acceptance-report',
};

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`);

type FileLink = Pick<EvidenceRef, 'evidenceId' | 'fileName' | 'contentType'>;

/** A button that asks for the file's short-lived URL and opens it: to save it (download) or to see it (view). */
function FileButton({ projectId, file, action }: { projectId: string; file: FileLink; action: 'download' | 'view' }) {
  const api = useApi();
  const i18n = useI18n();
  const w = i18n.t;
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const open = action === 'view' ? viewEvidence : downloadEvidence;
  const name = w(action === 'view' ? 'evidence.view' : 'evidence.download');
  return (
    <Button
      size="small"
      type={action === 'view' ? 'link' : 'default'}
      loading={busy}
      aria-label={`${name} ${file.fileName}`}
      data-testid={`evidence-${action}`}
      onClick={() => {
        setBusy(true);
        open(api, projectId, file.evidenceId)
          .catch((err: unknown) => void message.error(w(action === 'view' ? 'evidence.viewFailed' : 'evidence.downloadFailed', { reason: explainEvidenceFailure(err, i18n).title })))
          .finally(() => setBusy(false));
      }}
    >
      {name}
    </Button>
  );
}

/** View (PDF, JPEG, PNG: what a browser shows) and download. */
function FileActions({ projectId, file }: { projectId: string; file: FileLink }) {
  return (
    <Space size={4}>
      {isViewable(file.contentType) && <FileButton projectId={projectId} file={file} action="view" />}
      <FileButton projectId={projectId} file={file} action="download" />
    </Space>
  );
}

function EvidenceList({ project, files }: { project: ProjectView; files: readonly EvidenceRef[] }) {
  const w = useWords();
  const { label } = useI18n();
  return (
    <List
      dataSource={[...files].reverse()}
      rowKey="evidenceId"
      renderItem={(f) => (
        <List.Item actions={[<FileActions key="file" projectId={project.projectId} file={f} />]} data-testid="evidence-file">
          <List.Item.Meta
            avatar={<FileProtectOutlined style={{ fontSize: 20 }} />}
            title={
              <Space wrap size={6}>
                <span>{f.fileName}</span>
                <ToneTag tone="blue">{w(`evidenceKind.${f.kind}`)}</ToneTag>
                {f.replaced && <ToneTag tone="grey">{w('evidence.replaced')}</ToneTag>}
                {f.supersedes && <ToneTag tone="gold">{w('evidence.supersedes')}</ToneTag>}
              </Space>
            }
            description={
              <>
                <div>
                  {f.contentType} · {sizeText(f.sizeBytes)}
                </div>
                <div>
                  {w('evidence.labelled', { label: w('evidence.sha256') })}<Typography.Text code copyable style={{ fontSize: 12, wordBreak: 'break-all' }} data-testid="evidence-file-sha256">{f.sha256}</Typography.Text>
                </div>
                <div>{w('evidence.recordedBy', { name: f.actor.name ?? f.actor.sub, role: label('role', f.actor.role), at: formatTimestamp(f.recordedAt), entryId: f.entryId })}</div>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

function AttachEvidence({ project, entry, files, onClose }: { project: ProjectView; entry: Entry; files: readonly EvidenceRef[]; onClose: () => void }) {
  const i18n = useI18n();
  const w = i18n.t;
  const { message } = App.useApp();
  const evidence = useEvidenceFile(project.projectId, KIND_FOR[entry.type] ?? 'other', { required: true });
  const submission = useSubmission();
  const recordWrite = useRecordWrite();
  const current = files.filter((f) => !f.replaced);
  const [supersedes, setSupersedes] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Explained | null>(null);
  const submit = async () => {
    if (!evidence.chosen) return setFailure({ title: w('evidence.chooseFile'), fields: [] });
    setBusy(true);
    setFailure(null);
    try {
      const result = await submission.run((key) => evidence.upload(entry.entryId, key, supersedes));
      recordWrite(result);
      void message.success(w('evidence.attachDone'));
      onClose();
    } catch (err) {
      setFailure(explainEvidenceFailure(err, i18n));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={w('evidence.attachTitle', { entryId: entry.entryId })} onCancel={onClose} footer={null} width={600} maskClosable={false}>
      <Form layout="vertical" name="attach-evidence" onFinish={() => void submit()}>
        {failure && <ProblemAlert explained={failure} />}
        {evidence.field}
        {current.length > 0 && (
          <Form.Item label={w('evidence.supersedes')}>
            <Select
              allowClear
              aria-label={w('evidence.supersedes')}
              value={supersedes}
              onChange={setSupersedes}
              options={current.map((f) => ({ value: f.evidenceId, label: `${f.fileName} · ${f.sha256.slice(0, 12)}…` }))}
            />
          </Form.Item>
        )}
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{w('evidence.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={busy} aria-busy={busy} aria-label={w('evidence.attachOk')}>
            {w('evidence.attachOk')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}

/** A ledger row's evidence cell. */
export function EvidenceCell({ project, entry, files, identity, readOnly }: { project: ProjectView; entry: Entry; files: readonly EvidenceRef[] | undefined; identity: Identity | null; readOnly: boolean }) {
  const w = useWords();
  const [open, setOpen] = useState<'list' | 'attach' | null>(null);
  if (entry.type === 'evidence') {
    const d = entry.details as Pick<EvidenceRef, 'evidenceId' | 'fileName' | 'contentType' | 'sha256'>;
    return (
      <Flex vertical gap={2} align="flex-start">
        <Space size={4}>
          <PaperClipOutlined aria-hidden />
          <Typography.Text ellipsis={{ tooltip: d.fileName }} style={{ maxWidth: 120 }}>
            {d.fileName}
          </Typography.Text>
        </Space>
        <Typography.Text code copyable={{ text: d.sha256 }} ellipsis={{ tooltip: d.sha256 }} style={{ maxWidth: 150, fontSize: 11 }} aria-label={w('evidence.labelledValue', { label: w('evidence.sha256'), value: d.sha256 })} data-testid="evidence-row-sha256">
          {d.sha256}
        </Typography.Text>
        <FileActions projectId={project.projectId} file={d} />
      </Flex>
    );
  }
  const count = files?.length ?? 0;
  const awaiting = project.awaitingEvidence.some((a) => a.entryId === entry.entryId);
  const attach = !readOnly && mayAttachEvidence(identity, project, entry);
  if (count === 0 && !awaiting && !attach) return <span aria-hidden>—</span>;
  return (
    <Space size={4} wrap>
      {count > 0 && (
        <Button size="small" icon={<PaperClipOutlined />} onClick={() => setOpen('list')} aria-label={w('evidence.labelledValue', { label: w('evidence.listTitle', { entryId: entry.entryId }), value: w('evidence.files', { n: count }) })} data-testid="evidence-open">
          {w('evidence.files', { n: count })}
        </Button>
      )}
      {count === 0 && awaiting && <ToneTag tone="red">{w('evidence.missing')}</ToneTag>}
      {count === 0 && attach && (
        <Button size="small" type="link" onClick={() => setOpen('attach')} aria-label={`${w('evidence.attach')} ${entry.entryId}`}>
          {w('evidence.attach')}
        </Button>
      )}
      {open === 'list' && (
        <Modal
          open
          title={w('evidence.listTitle', { entryId: entry.entryId })}
          onCancel={() => setOpen(null)}
          width={680}
          footer={
            <Flex justify="space-between">
              {attach ? <Button onClick={() => setOpen('attach')}>{w('evidence.attach')}</Button> : <span />}
              <Button onClick={() => setOpen(null)}>{w('evidence.close')}</Button>
            </Flex>
          }
        >
          <EvidenceList project={project} files={files ?? []} />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
            {w('evidence.offline')}
          </Typography.Paragraph>
        </Modal>
      )}
      {open === 'attach' && <AttachEvidence project={project} entry={entry} files={files ?? []} onClose={() => setOpen(null)} />}
    </Space>
  );
}
