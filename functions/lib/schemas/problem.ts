import * as z from 'zod/mini';
import { meta } from '../../../domain/schema/meta';
import { lazySchema, real } from '../../../domain/schema/lazy';
import { RULE_IDS } from '../../../domain/project/outcome';
import { HTTP_RULE_IDS } from '../http/rule-ids';
import { dateOut, fen } from './common';

export const problemOut = lazySchema(() =>
  meta(
    z.object({
      type: z.string(),
      title: z.string(),
      status: z.int(),
      detail: z.string(),
      instance: z.optional(z.string()),
      rule: z.optional(z.enum([...RULE_IDS, ...HTTP_RULE_IDS])),
      limitFen: z.optional(real(fen)),
      usedFen: z.optional(real(fen)),
      attemptedFen: z.optional(real(fen)),
      brokenOn: z.optional(real(dateOut)),
      funder: meta(z.optional(z.enum(['province', 'zone', 'joint'])), { description: 'Whose money the rule is about, where it is one funder’s (joint: both)' }),
      cause: meta(z.optional(z.enum(RULE_IDS)), { description: 'For a refused reversal: the rule the history without the entry would break' }),
      errors: z.optional(z.array(z.strictObject({ path: z.string(), message: z.string() }))),
    }),
    { id: 'Problem', description: 'RFC 9457 problem details' },
  ),
);

export const healthOut = lazySchema(() => meta(z.strictObject({ status: z.literal('ok') }), { id: 'Health' }));
