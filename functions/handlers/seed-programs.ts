import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { seedPrograms } from '../../domain/programs/seed';
import { indexClusters, putProgram } from '../lib/storage/catalog-store';
import { logger } from '../lib/observability';
import { prepareStorageClient } from '../lib/storage/client';

prepareStorageClient();

/**
 * Deploy-time custom resource: writes the seed programs, and lists clusters written before
 * clusters were listed by zone and program under those keys. Idempotent — an unchanged program is
 * left alone, a program already used by projects is never rewritten, an indexed cluster is not
 * written again; Delete leaves data.
 */
export const handler = async (event: CloudFormationCustomResourceEvent) => {
  if (event.RequestType !== 'Delete') {
    for (const program of seedPrograms) {
      const outcome = await putProgram(program);
      logger.info('seed program', { code: program.code, outcome });
    }
    logger.info('clusters indexed', { count: await indexClusters() });
  }
  return { PhysicalResourceId: 'fundledger-seed-programs' };
};
