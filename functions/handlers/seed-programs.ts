import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { seedPrograms } from '../../domain/programs/seed';
import { indexClusters, putProgram } from '../lib/storage/catalog-store';
import { logger } from '../lib/observability';
import { backfillMovementsOnce } from '../lib/reconciliation/backfill';
import { prepareStorageClient } from '../lib/storage/client';
import { foldLegacyExecutionOnce } from '../lib/storage/execution-fold';

prepareStorageClient();

/**
 * Deploy-time custom resource: writes the seed programs, lists clusters written before clusters
 * were listed by zone and program under those keys, and writes the reconciliation items of
 * transfers and payments recorded before reconciliation kept them and folds the execution rollups
 * of the first release into today's items (each once per table: a marker says it ran to the end;
 * an interrupted run is taken up by the next deploy). Idempotent — an unchanged
 * program is left alone, a program already used by projects is never rewritten, an indexed cluster
 * is not written again, a movement already there is left alone; Delete leaves data.
 */
export const handler = async (event: CloudFormationCustomResourceEvent) => {
  if (event.RequestType !== 'Delete') {
    for (const program of seedPrograms) {
      const outcome = await putProgram(program);
      logger.info('seed program', { code: program.code, outcome });
    }
    logger.info('clusters indexed', { count: await indexClusters() });
    const backfill = await backfillMovementsOnce((line) => logger.info(line));
    logger.info('reconciliation backfill', backfill ? { ...backfill } : { ranBefore: true });
    const fold = await foldLegacyExecutionOnce(new Date(), (line) => logger.info(line));
    logger.info('execution rollups fold', fold ? { ...fold } : { ranBefore: true });
  }
  return { PhysicalResourceId: 'fundledger-seed-programs' };
};
