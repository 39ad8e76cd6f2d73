import { apiHandler } from '../lib/http/handler';
import { writeSpec } from '../api/spec-writes';
import { alertWrites } from '../api/alerts';
import { catalogWrites } from '../api/catalog';
import { ledgerWrites } from '../api/ledger';
import { projectWrites } from '../api/projects';
import { documentWrites } from '../api/documents';
import { digestWrites } from '../api/digests';
import { importWrites } from '../api/imports';
import { budgetWrites } from '../api/budget-writes';
import { evidenceWrites } from '../api/evidence';
import { statementWrites } from '../api/statements';
import { prepareStorageClient } from '../lib/storage/client';

prepareStorageClient();

/** Every POST: one function with the write permissions, serving ledger events and admin writes. */
export const handler = apiHandler(writeSpec, {
  ...catalogWrites, ...projectWrites, ...ledgerWrites, ...alertWrites, ...documentWrites, ...digestWrites, ...importWrites, ...budgetWrites, ...evidenceWrites, ...statementWrites,
});
