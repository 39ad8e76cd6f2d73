import { readStatement } from '../statements/read-statement';
import { configuredStatementFiles } from '../statements/statement-files';
import { logger } from '../observability';
import { failRun, getStatement, putJob } from '../storage/statement-store';
import { runStatement } from './run-statement';

import { STATEMENT_JOBS_ENV } from './settings';

/**
 * Statements uploaded as files run in the background, with their progress in the META item
 * (GET /statements/{id}). On AWS the job item's insert on the table's stream invokes the
 * reconcile-statements function (infra: a filtered event source, like the alert outbox); locally
 * nothing reads the stream, so the process that took the request runs the job once it has
 * answered (STATEMENT_JOBS unset).
 */

export async function startJob(statementId: string, mode: 'draft' | 'store', now: Date): Promise<void> {
  await putJob(statementId, mode, now);
  if (process.env[STATEMENT_JOBS_ENV] === 'stream') return;
  setImmediate(() => {
    processJob(statementId).catch((error: unknown) => logger.error('statement job failed', { statementId, error: error as Error }));
  });
}

/** Runs the statement's pending run (status processing), reading its file again. */
export async function processJob(statementId: string, now = new Date()): Promise<void> {
  const record = await getStatement(statementId);
  if (!record || record.status !== 'processing') return;
  const bytes = await configuredStatementFiles().read(statementId);
  if (!bytes) return failRun(statementId, 'the uploaded file is no longer there: upload it again');
  const read = await readStatement(bytes);
  if (!read.ok || read.statementId !== statementId) return failRun(statementId, 'the uploaded file no longer reads as it did: upload it again');
  await runStatement(record, { statementId, format: read.format, encoding: read.encoding, fileName: record.fileName, lines: read.lines }, now);
}
