/**
 * An evidence file in a write dialog: dropped or chosen (antd Upload.Dragger; nothing is sent on
 * choosing), checked here against the contract (type, 1 byte … 20 MiB), its SHA-256 computed in
 * the browser and shown, then — once the dialog's entry is posted — declared, uploaded with a
 * progress bar and recorded (services/evidence.ts). The entry shows in the ledger as soon as it is
 * posted, whatever then happens to its file.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Form, Progress, Select, Typography, Upload } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../../../domain/project/evidence';
import { useI18n, type I18n } from '../../i18n';
import { useApi } from '../../services/api';
import {
  attachEvidence, evidenceTypeOf, MAX_EVIDENCE_BYTES, sha256Hex, UploadError, EVIDENCE_ACCEPT,
  type ChosenFile, type EvidenceStep,
} from '../../services/evidence';
import { ExplainedError, explainWriteError, type Explained } from '../../services/problems';
import { useRecordWrite } from '../../services/project';
import type { LedgerEventResult, ProjectView } from '../../services/schemas';
import { useWords, type Words } from './words';

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} B`);

/** Why a file cannot be declared, as the API would refuse it; null when it may. */
function refusalOf(file: File, w: Words): string | null {
  if (!evidenceTypeOf(file)) return w('evidence.badType');
  if (file.size === 0) return w('evidence.empty');
  if (file.size > MAX_EVIDENCE_BYTES) return w('evidence.tooLarge', { size: sizeText(file.size) });
  return null;
}

/**
 * Why the evidence step failed: one sentence in the person's words — the glossary's for the API's
 * rule, or the upload's own — and the technical side (rule id, status, the API's English detail
 * such as "declared application/pdf, but the file is a Windows executable (MZ)") kept apart for
 * the folded details toggle, as for every other refusal (services/problems.ts).
 */
export function explainEvidenceFailure(err: unknown, words: Pick<I18n, 't' | 'language' | 'funderNames'>): Explained {
  const w = words.t;
  if (err instanceof UploadError) {
    const detail = err.body.trim();
    return { title: err.status ? w('evidence.uploadRefused', { status: err.status }) : w('evidence.uploadInterrupted'), details: { ...(err.status ? { status: err.status } : {}), ...(detail ? { detail } : {}) }, fields: [] };
  }
  return explainWriteError(err, words);
}

interface Progressing {
  step: EvidenceStep;
  percent: number;
}

/** The chosen file and the upload's progress, for a dialog to render and to send with. */
export interface EvidenceFile {
  chosen: ChosenFile | null;
  kind: EvidenceKind;
  /** The field: the drop zone, the file's facts, the kind, the progress. */
  field: ReactNode;
  /** Declare, upload and record the chosen file for an entry (with the submission's key), replacing `supersedes`. */
  upload(refersTo: string, submissionKey: string, supersedes?: string): Promise<LedgerEventResult>;
}

export function useEvidenceFile(projectId: string, defaultKind: EvidenceKind, { required = false }: { required?: boolean } = {}): EvidenceFile {
  const api = useApi();
  const w = useWords();
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [hashing, setHashing] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [kind, setKind] = useState<EvidenceKind>(defaultKind);
  const [progress, setProgress] = useState<Progressing | null>(null);

  const choose = useCallback(
    async (file: File) => {
      setChosen(null);
      const refused = refusalOf(file, w);
      setRefusal(refused);
      if (refused) return;
      setHashing(true);
      try {
        setChosen({ file, contentType: evidenceTypeOf(file)!, sha256: await sha256Hex(file) });
      } finally {
        setHashing(false);
      }
    },
    [w],
  );

  const upload = useCallback(
    async (refersTo: string, submissionKey: string, supersedes?: string) => {
      if (!chosen) throw new Error(w('evidence.chooseFile'));
      try {
        return await attachEvidence(api, projectId, refersTo, chosen, kind, submissionKey, (step, fraction) => setProgress({ step, percent: Math.round(fraction * 100) }), supersedes);
      } finally {
        setProgress(null);
      }
    },
    [api, chosen, kind, projectId, w],
  );

  const field = (
    <Form.Item label={w('evidence.field')} required={required} extra={w('evidence.hint')}>
      <Upload.Dragger
        accept={EVIDENCE_ACCEPT}
        multiple={false}
        maxCount={1}
        showUploadList={false}
        disabled={progress !== null}
        // Nothing is sent on choosing: the file goes up once the entry is posted.
        beforeUpload={(file) => {
          void choose(file);
          return false;
        }}
        data-testid="evidence-drop"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{w('evidence.drop')}</p>
      </Upload.Dragger>
      {refusal && <Alert type="error" showIcon role="alert" style={{ marginTop: 8 }} title={refusal} data-testid="evidence-refused" />}
      {hashing && <Typography.Text type="secondary">{w('evidence.hashing')}</Typography.Text>}
      {chosen && (
        <div data-testid="evidence-chosen" style={{ marginTop: 8 }}>
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              { key: 'name', label: w('evidence.fileName'), children: chosen.file.name },
              { key: 'size', label: w('evidence.size'), children: chosen.file.size < 1024 ? sizeText(chosen.file.size) : w('evidence.sizeExact', { size: sizeText(chosen.file.size), bytes: chosen.file.size.toLocaleString('en-US') }) },
              { key: 'sha', label: w('evidence.sha256'), children: <Typography.Text code copyable style={{ wordBreak: 'break-all', fontSize: 12 }} data-testid="evidence-sha256">{chosen.sha256}</Typography.Text> },
            ]}
          />
          <Flex gap={8} align="center" style={{ marginTop: 8 }}>
            <span style={{ whiteSpace: 'nowrap' }}>{w('evidence.kind')}</span>
            <Select
              aria-label={w('evidence.kind')}
              value={kind}
              onChange={setKind}
              style={{ minWidth: 160 }}
              options={EVIDENCE_KINDS.map((k) => ({ value: k, label: w(`evidenceKind.${k}`) }))}
              disabled={progress !== null}
            />
            <Button size="small" onClick={() => setChosen(null)} disabled={progress !== null}>
              {w('evidence.remove')}
            </Button>
          </Flex>
        </div>
      )}
      {progress && (
        <div style={{ marginTop: 8 }} data-testid="evidence-progress">
          <Typography.Text type="secondary">{w(`evidence.step.${progress.step}`)}</Typography.Text>
          <Progress percent={progress.percent} status="active" aria-label={w('evidence.progress')} />
        </div>
      )}
    </Form.Item>
  );

  return { chosen, kind, field, upload };
}

/**
 * A ledger write dialog with an optional evidence file: `send` posts the entry and records it in
 * the cache at once; with a file chosen it then declares, uploads and records the file, and answers
 * the evidence entry (the project after both). When the file fails, the entry stays posted: the
 * error says so, and submitting again replays the entry and retries the file.
 */
export function useWithEvidence(project: ProjectView, defaultKind: EvidenceKind) {
  const evidence = useEvidenceFile(project.projectId, defaultKind);
  const recordWrite = useRecordWrite();
  const i18n = useI18n();
  const w = i18n.t;
  const wrap =
    <B,>(send: (body: B, key: string) => Promise<LedgerEventResult>) =>
    async (body: B, key: string): Promise<LedgerEventResult> => {
      const posted = await send(body, key);
      if (!evidence.chosen) return posted;
      recordWrite(posted);
      try {
        return await evidence.upload(posted.entry.entryId, key);
      } catch (err) {
        const why = explainEvidenceFailure(err, i18n);
        throw new ExplainedError({ ...why, title: w('evidence.failedAfterEntry', { entryId: posted.entry.entryId, reason: why.title }) }, { cause: err });
      }
    };
  return { field: evidence.field, wrap };
}
