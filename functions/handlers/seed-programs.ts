import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { seedPrograms } from '../../domain/programs/seed';
import { putProgram } from '../lib/storage/catalog-store';
import { logger } from '../lib/observability';
import { prepareStorageClient } from '../lib/storage/client';

prepareStorageClient();

/**
 * Deploy-time custom resource: writes the seed programs. Idempotent — an unchanged program is
 * left alone and a program already used by projects is never rewritten; Delete leaves data.
 */
export const handler = async (event: CloudFormationCustomResourceEvent) => {
  if (event.RequestType !== 'Delete') {
    for (const program of seedPrograms) {
      const outcome = await putProgram(program);
      logger.info('seed program', { code: program.code, outcome });
    }
  }
  return { PhysicalResourceId: 'fundledger-seed-programs' };
};
