/**
 * What the project's write dialogs share: the POST to one of the project's ledger routes, the
 * dialog that records the write's answer in the cache (services/project.ts), and the figures
 * table shown above a form.
 */
import { Descriptions } from 'antd';
import type { ActionModalProps } from '../../../components/ActionModal';
import { ActionModal } from '../../../components/ActionModal';
import { formatFen } from '../../../format/money';
import { apiPath, useApi } from '../../../services/api';
import { useRecordWrite } from '../../../services/project';
import { ledgerEventOut, type LedgerEventResult, type ProjectView } from '../../../services/schemas';

/** Every action dialog gets the project it acts on and closes itself (written or cancelled). */
export interface ActionProps {
  project: ProjectView;
  onClose: () => void;
}

// Form values as antd hands them over: each dialog reads the fields it declared.
export type Values = Record<string, any>;

/** POST to a route under the project (e.g. "/allocations") with the submission's key. */
export function useProjectPost(project: ProjectView, path: string) {
  const api = useApi();
  return (body: unknown, idempotencyKey: string) => api.post(`${apiPath`/projects/${project.projectId}`}${path}`, body, { schema: ledgerEventOut, idempotencyKey });
}

/** A project write: its answer updates the cached project and history, then the dialog closes. */
export function LedgerDialog<B>(props: Omit<ActionModalProps<Values, B, LedgerEventResult>, 'onDone'>) {
  const recordWrite = useRecordWrite();
  return <ActionModal<Values, B, LedgerEventResult> {...props} onDone={recordWrite} />;
}

export const memoOf = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
export const strip = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
export const limitOf = (p: ProjectView, rule: string, funder: string) => p.limits.find((l) => l.rule === rule && l.funder === funder);

export function Figures({ items, testId }: { items: [string, number | null | undefined][]; testId?: string }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={2}
      style={{ marginBottom: 16 }}
      data-testid={testId}
      items={items.map(([label, fen]) => ({ key: label, label, children: <span className="amount">{fen === null || fen === undefined ? '—' : formatFen(fen)}</span> }))}
    />
  );
}
