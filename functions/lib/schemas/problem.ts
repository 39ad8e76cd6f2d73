import * as z from 'zod';
import { lazySchema, real } from './lazy';
import { RULE_IDS } from '../../../domain/project/outcome';
import { HTTP_RULE_IDS } from '../http/rule-ids';
import { fen } from './common';

export const problemOut = lazySchema(() =>
  z
    .object({
      type: z.string(),
      title: z.string(),
      status: z.int(),
      detail: z.string(),
      instance: z.string().optional(),
      rule: z.enum([...RULE_IDS, ...HTTP_RULE_IDS]).optional(),
      limitFen: real(fen).optional(),
      usedFen: real(fen).optional(),
      attemptedFen: real(fen).optional(),
      errors: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
    })
    .meta({ id: 'Problem', description: 'RFC 9457 problem details' }),
);

export const healthOut = lazySchema(() => z.strictObject({ status: z.literal('ok') }).meta({ id: 'Health' }));
