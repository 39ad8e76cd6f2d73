import * as z from 'zod';
import { RULE_IDS } from '../../../domain/project/outcome';
import { fen } from './common';

export const problemOut = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().optional(),
    rule: z.enum([...RULE_IDS, 'idempotency-key-reuse']).optional(),
    limitFen: fen.optional(),
    usedFen: fen.optional(),
    attemptedFen: fen.optional(),
    errors: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export const healthOut = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Health' });
