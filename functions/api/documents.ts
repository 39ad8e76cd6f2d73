import type * as z from 'zod/mini';
import type { Req, Reply, RouteImpl } from '../lib/http/handler';
import { notFound } from '../lib/http/problems';
import { requireRole } from '../lib/authorize';
import { DOCUMENT_READERS } from '../../domain/access';
import { pageFromCursor } from '../lib/cursor';
import { documentListShape } from '../lib/cursor-shapes';
import { postDocument } from '../lib/documents/post-document';
import type { allocationDocumentSchema, documentListQuery } from '../lib/schemas';
import { getDocument, listDocuments, type DocumentRecord } from '../lib/storage/document-store';
import { dynamoLedgerStore } from '../lib/storage/ledger-store';

const view = ({ requestHash: _hash, ...d }: DocumentRecord) => d;
const summary = ({ lines: _lines, ...d }: ReturnType<typeof view>) => d;

async function post(req: Req<unknown, unknown, z.infer<typeof allocationDocumentSchema>>): Promise<Reply> {
  const out = await postDocument(dynamoLedgerStore, { ...req.body, principal: req.principal, now: req.now });
  return { status: out.status, body: view(out.record), ...(out.replayed ? { headers: { 'idempotent-replayed': 'true' } } : {}) };
}

/**
 * A plan document is the province's: it names projects of every zone and city. Zone committees and
 * city bureaus see its lines where they belong, in their own projects' histories (each allocation
 * names its document), not the whole document.
 */
const requireProvinceReader = (req: Req<unknown, unknown, unknown>) => requireRole(req.principal, ...DOCUMENT_READERS);

async function getOne(req: Req<{ documentNo: string }>): Promise<Reply> {
  requireProvinceReader(req);
  const d = await getDocument(req.params.documentNo);
  if (!d) throw notFound(`No plan document ${req.params.documentNo}.`);
  return { status: 200, body: view(d) };
}

async function list(req: Req<unknown, z.infer<typeof documentListQuery>>): Promise<Reply> {
  requireProvinceReader(req);
  const page = await pageFromCursor(req.query.cursor, { tag: 'documents', filter: null }, documentListShape(), (start) => listDocuments(req.query.limit, start));
  return { status: 200, body: { documents: page.documents.map((d) => summary(view(d))), nextCursor: page.nextCursor } };
}

export const documentReads: Record<string, RouteImpl> = {
  'GET /allocation-documents': list,
  'GET /allocation-documents/{documentNo}': getOne,
};
export const documentWrites: Record<string, RouteImpl> = { 'POST /allocation-documents': post };
