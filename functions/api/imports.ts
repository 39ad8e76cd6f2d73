import { canonicalJson, sha256Hex } from '../../domain/canonical-json';
import type { Req, Reply, RouteImpl } from '../lib/http/handler';
import { badRequest } from '../lib/http/problems';
import { requireRole } from '../lib/authorize';
import { mapBounded } from '../lib/documents/post-document';
import type { Registration } from '../../domain/project/types';
import { boundErrors } from '../lib/excel/import-limits';
import { contentionGroups, duplicates, quotaKeys } from '../lib/excel/import-rows';
import { readRegistrations, type FieldError, type ParsedRow } from '../lib/excel/import-reader';
import { postEntry } from '../lib/ledger/post-entry';
import { DEFAULT_FUNDER_NAMES, term, type FunderNames } from '../../domain/glossary';
import { fieldName, issueSentence } from '../../domain/glossary/fields';
import { refusalSentence } from '../../domain/glossary/refusals';
import { registrationSchema } from '../../domain/project/kinds/registration';
import { listPrograms } from '../lib/storage/catalog-store';
import { dynamoLedgerStore } from '../lib/storage/ledger-store';

interface RowReport {
  sheet: string;
  row: number;
  projectId: string | null;
  status: 'registered' | 'failed';
  entryId: string | null;
  errors: FieldError[];
}

/** Rows in flight at once (each group of rows competing for one quota counts as one). */
const IMPORT_CONCURRENCY = 4;

/** One row registered as POST /projects would: its Idempotency-Key is its content. */
async function registerRow(req: Req, row: ParsedRow, registration: Registration, funders: FunderNames): Promise<RowReport> {
  const base = { sheet: row.sheet, row: row.row, projectId: row.projectId };
  const failed = (errors: FieldError[]): RowReport => ({ ...base, status: 'failed', entryId: null, errors });
  const outcome = await postEntry(dynamoLedgerStore, {
    projectId: registration.projectId,
    command: { type: 'registration', registration },
    principal: req.principal,
    idempotencyKey: `import-${sha256Hex(canonicalJson(registration)).slice(0, 40)}`,
    fingerprint: { route: 'POST /projects', body: registration },
    now: req.now,
  });
  switch (outcome.kind) {
    case 'posted':
      return { ...base, status: 'registered', entryId: outcome.entry.entryId, errors: [] };
    case 'rejected':
      return failed([{ field: term('field.project'), message: refusalSentence(outcome.violation, funders) }]);
    case 'conflict':
      return failed([{ field: term('field.projectId'), message: term('problem.alreadyRegistered', 'zh', { projectId: row.projectId ?? '' }) }]);
    case 'invalid':
      return failed(outcome.errors.map((e) => ({ field: fieldName(e.path, 'zh', funders), message: issueSentence(undefined, e.message) })));
    case 'busy':
      return failed([{ field: term('field.project'), message: term('problem.importBusy') }]);
    case 'forbidden':
      return failed([{ field: term('field.project'), message: term('problem.forbidden') }]);
    case 'not-found':
      return failed([{ field: term('field.project'), message: term('problem.notFound') }]);
  }
}

/**
 * Registers each row of the filled template on its own: a row that fails (unreadable, invalid, or
 * refused by the program's rules) changes nothing; a row that passes is registered. Importing the
 * same file again replays the rows already registered (their Idempotency-Key is their content).
 * Each row gets one outcome of its own: a second row of one project is reported as a duplicate of
 * the first, and rows competing for one quota are registered in file order, so the report is the
 * same on every run. The upload, its rows and the report are bounded (excel/upload-limits.ts,
 * excel/import-limits.ts): an oversized or hostile file is a 400 before any row is read.
 */
async function importProjects(req: Req): Promise<Reply> {
  requireRole(req.principal, 'finance-officer');
  const parsed = await readRegistrations(req.upload!);
  if ('error' in parsed) throw badRequest([{ path: '', message: parsed.error }], parsed.error);
  const reports = new Map<number, RowReport>();
  const toRegister: { row: ParsedRow; registration: Registration }[] = [];
  const dup = duplicates(parsed.rows);
  const programs = await listPrograms();
  // A row's fields and refusals name the funders as its program does (Nanjing: 市级 / 园区).
  const fundersOf = new Map(programs.map((p) => [p.code, p.funderNames]));
  const funders = (code: string | undefined) => (code && fundersOf.get(code)) || DEFAULT_FUNDER_NAMES;
  for (const row of parsed.rows) {
    const failed = (errors: FieldError[]) => reports.set(row.row, { sheet: row.sheet, row: row.row, projectId: row.projectId, status: 'failed', entryId: null, errors });
    const d = dup.get(row.row);
    if (d) {
      failed([{ field: '项目编号', message: d.identical ? `与本文件第 ${d.of} 行完全相同：该项目只按第 ${d.of} 行处理，本行未登记` : `项目编号与本文件第 ${d.of} 行相同：一个项目在文件中只能有一行，本行未登记` }]);
      continue;
    }
    if (!row.registration) {
      failed(row.errors);
      continue;
    }
    const checked = registrationSchema.safeParse(row.registration);
    if (!checked.success) {
      const names = funders(row.registration.programCode);
      failed(checked.error.issues.map((i) => ({ field: fieldName(i.path.map(String).join('.'), 'zh', names), message: issueSentence(i.code, i.message) })));
      continue;
    }
    toRegister.push({ row, registration: checked.data as Registration });
  }
  const quotas = new Map(programs.map((p) => [p.code, p.quotas]));
  const groups = contentionGroups(toRegister, (r) => quotaKeys(r.registration, quotas.get(r.registration.programCode)));
  await mapBounded(groups, IMPORT_CONCURRENCY, async (group) => {
    for (const { row, registration } of group) reports.set(row.row, await registerRow(req, row, registration, funders(registration.programCode)));
  });
  const rows = boundErrors(parsed.rows.map((r) => reports.get(r.row)!));
  return { status: 200, body: { registered: rows.filter((r) => r.status === 'registered').length, failed: rows.filter((r) => r.status === 'failed').length, rows } };
}

export const importWrites: Record<string, RouteImpl> = { 'POST /imports/projects': importProjects };
