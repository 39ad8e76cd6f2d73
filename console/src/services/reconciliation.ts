/**
 * Statements and reconciliation (API.md, Statements and reconciliation): the words of these pages
 * (all from the glossary), the reads (a project's entries reconciled or not; statements; one
 * statement, read again while it runs), and the upload of a statement file as the API takes large
 * ones: its SHA-256 computed in the browser (Web Crypto), declared, PUT to the presigned URL,
 * then completed — as a dry run first, stored on confirmation.
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { term, type TermId, type Vars } from '../../../domain/glossary/with-console';
import { useI18n } from '../i18n';
import { ApiError, apiPath, useApi, type ApiClient } from './api';
import { reconciliationRead } from './reads';
import { reconciliationOut, statementListOut, statementOut, statementProgressOut, statementUploadOut, type Statement } from './schemas';

/** A glossary term in the page's language. */
export function useWords(): (id: TermId, vars?: Vars) => string {
  const { language } = useI18n();
  return useCallback((id: TermId, vars?: Vars) => term(id, language, vars), [language]);
}

/** For each transfer and payment of the project: is a statement line matched to it. null: not readable by this role. */
export function useProjectReconciliation(projectId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['reconciliation', 'project', projectId],
    enabled,
    queryFn: async ({ signal }) => {
      const { path, query } = reconciliationRead(projectId);
      const answer = await api.get(path, reconciliationOut, { query, signal });
      return new Map(answer.entries.map((e) => [e.entryId, e.reconciled]));
    },
  });
}

/** What is not reconciled in the last 90 days (the API's default range), for the overview. */
export function useUnreconciled(enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: ['reconciliation', 'recent'], enabled, queryFn: ({ signal }) => api.get('/reconciliation', reconciliationOut, { signal }) });
}

export function useStatements() {
  const api = useApi();
  return useQuery({ queryKey: ['statements'], queryFn: ({ signal }) => api.get('/statements', statementListOut, { query: { limit: 100 }, signal }) });
}

/** One statement; read again every second while it is processing. */
export function useStatement(statementId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['statement', statementId],
    queryFn: ({ signal }) => api.get(apiPath`/statements/${statementId}`, statementOut, { signal }),
    refetchInterval: (q) => ((q.state.data as Statement | undefined)?.status === 'processing' ? 1000 : false),
  });
}

async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const isXlsx = (file: File) => file.name.toLowerCase().endsWith('.xlsx') || file.type === XLSX_TYPE;

export type UploadStage = 'hashing' | 'uploading' | 'processing';

/**
 * The file declared, uploaded and completed (dry run unless `store`); resolves with the statement
 * id once the API has it. A 400 (bad rows) rejects with the ApiError, its `errors` per row.
 */
export async function uploadStatement(api: ApiClient, file: File, store: boolean, onStage: (stage: UploadStage) => void): Promise<string> {
  onStage('hashing');
  const sha256 = await sha256Hex(file);
  const contentType = isXlsx(file) ? XLSX_TYPE : 'text/csv';
  const ticket = await api.post('/statements/uploads', { contentType, sizeBytes: file.size, sha256 }, { schema: statementUploadOut });
  if (ticket.uploadUrl === null) return ticket.statementId; // stored already: the same file
  onStage('uploading');
  const put = await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.uploadHeaders ?? {}, body: file, credentials: 'omit' });
  if (!put.ok) throw new ApiError('problem', { type: 'about:blank', title: `upload ${put.status}`, status: put.status, detail: (await put.text()).slice(0, 300) }, 'PUT upload');
  onStage('processing');
  await api.post(apiPath`/statements/uploads/${sha256}/complete`, { fileName: file.name }, { query: store ? {} : { dryRun: 'true' }, schema: statementProgressOut });
  return sha256;
}

/** Stores a statement whose dry run (a draft) is on screen: its file is uploaded already. */
export async function confirmStatement(api: ApiClient, statementId: string, fileName: string | null): Promise<void> {
  await api.post(apiPath`/statements/uploads/${statementId}/complete`, fileName ? { fileName } : {}, { schema: statementProgressOut });
}
