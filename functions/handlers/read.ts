import { apiHandler } from '../lib/http/handler';
import { readSpec } from '../api/spec-reads';
import { alertReads } from '../api/alerts';
import { catalogReads } from '../api/catalog';
import { historyReads } from '../api/history';
import { projectReads } from '../api/projects';
import { portfolioReads } from '../api/portfolio';
import { documentReads } from '../api/documents';
import { digestReads } from '../api/digests';
import { importReads } from '../api/import-template';
import { budgetReads } from '../api/budget-reads';
import { evidenceReads } from '../api/evidence';
import { statementReads } from '../api/statements';
import { prepareStorageClient } from '../lib/storage/client';

prepareStorageClient();

/**
 * Every authenticated GET: one function, read-only permissions. A console session clicking from
 * page to page keeps this one function warm instead of starting one per route group.
 */
export const handler = apiHandler(readSpec, {
  ...catalogReads, ...projectReads, ...historyReads, ...alertReads, ...portfolioReads, ...documentReads, ...digestReads, ...importReads, ...budgetReads, ...evidenceReads, ...statementReads,
});
