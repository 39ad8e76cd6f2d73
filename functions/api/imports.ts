import { canonicalJson, sha256Hex } from '../../domain/canonical-json';
import type { Req, Reply, RouteImpl } from '../lib/http/handler';
import { badRequest } from '../lib/http/problems';
import { requireRole } from '../lib/authorize';
import { mapBounded } from '../lib/documents/post-document';
import { readRegistrations, registrationTemplate, type FieldError } from '../lib/excel/registrations';
import { fileReply } from '../lib/files';
import { postEntry } from '../lib/ledger/post-entry';
import { fieldZh, issueZh, violationSentence } from '../lib/messages/zh';
import { XLSX } from '../lib/schemas';
import { registrationSchema } from '../../domain/project/kinds/registration';
import { listClusters, listPrograms, listZones } from '../lib/storage/catalog-store';
import { dynamoLedgerStore } from '../lib/storage/ledger-store';

async function template(): Promise<Reply> {
  const [programs, zones, clusters] = await Promise.all([listPrograms(), listZones(), listClusters()]);
  const bytes = await registrationTemplate({
    programs: programs.map((p) => ({ code: p.code, name: p.name })),
    zones: zones.map((z) => ({ zoneId: z.zoneId, name: z.name })),
    clusters: clusters.filter((c) => !c.closedOn).map((c) => ({ clusterId: c.clusterId, name: c.name })),
  });
  return fileReply(bytes, '项目登记模板.xlsx', XLSX);
}

interface RowReport {
  sheet: string;
  row: number;
  projectId: string | null;
  status: 'registered' | 'failed';
  entryId: string | null;
  errors: FieldError[];
}

/**
 * Registers each row of the filled template on its own: a row that fails (unreadable, invalid, or
 * refused by the program's rules) changes nothing; a row that passes is registered. Importing the
 * same file again replays the rows already registered (their Idempotency-Key is their content).
 */
async function importProjects(req: Req): Promise<Reply> {
  requireRole(req.principal, 'finance-officer');
  const parsed = await readRegistrations(req.upload!);
  if ('error' in parsed) throw badRequest([{ path: '', message: parsed.error }], parsed.error);
  const rows = await mapBounded(parsed.rows, 4, async (row): Promise<RowReport> => {
    const base = { sheet: row.sheet, row: row.row, projectId: row.projectId };
    const failed = (errors: FieldError[]): RowReport => ({ ...base, status: 'failed', entryId: null, errors });
    if (!row.registration) return failed(row.errors);
    const checked = registrationSchema.safeParse(row.registration);
    if (!checked.success) {
      return failed(checked.error.issues.map((i) => ({ field: fieldZh(i.path.map(String).join('.')), message: issueZh(i.code, i.message) })));
    }
    const outcome = await postEntry(dynamoLedgerStore, {
      projectId: checked.data.projectId,
      command: { type: 'registration', registration: checked.data },
      principal: req.principal,
      idempotencyKey: `import-${sha256Hex(canonicalJson(checked.data)).slice(0, 40)}`,
      fingerprint: { route: 'POST /projects', body: checked.data },
      now: req.now,
    });
    switch (outcome.kind) {
      case 'posted':
        return { ...base, status: 'registered', entryId: outcome.entry.entryId, errors: [] };
      case 'rejected':
        return failed([{ field: '项目', message: violationSentence(outcome.violation) }]);
      case 'conflict':
        return failed([{ field: '项目编号', message: `项目 ${row.projectId} 已登记` }]);
      case 'invalid':
        return failed(outcome.errors.map((e) => ({ field: fieldZh(e.path), message: issueZh('custom', e.message) })));
      case 'busy':
        return failed([{ field: '项目', message: '系统繁忙，请稍后重新导入' }]);
      case 'forbidden':
      case 'not-found':
        return failed([{ field: '项目', message: outcome.detail }]);
    }
  });
  return { status: 200, body: { registered: rows.filter((r) => r.status === 'registered').length, failed: rows.filter((r) => r.status === 'failed').length, rows } };
}

export const importReads: Record<string, RouteImpl> = { 'GET /imports/projects/template.xlsx': template };
export const importWrites: Record<string, RouteImpl> = { 'POST /imports/projects': importProjects };
