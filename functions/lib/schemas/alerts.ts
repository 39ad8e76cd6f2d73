import * as z from 'zod/mini';
import { meta } from '../../../domain/schema/meta';
import { lazySchema, real } from '../../../domain/schema/lazy';
import { ALERT_KINDS } from '../../../domain/alerts/conditions';
import { businessDate, cursor, dateOut, fen, funder, id, limit, text, cityName } from './common';

export const alertOut = lazySchema(() =>
  meta(
    z.strictObject({
      alertId: z.string(),
      kind: z.enum(ALERT_KINDS),
      projectId: meta(z.nullable(z.string()), { description: 'null for unrecorded-payment (money the ledger does not know belongs to no project) and for the budget’s alerts (indicator-unallocated, execution-behind), which are about an indicator or a zone’s fiscal year' }),
      zoneId: meta(z.nullable(z.string()), { description: 'null for indicator-unallocated and for an unrecorded-payment on the province’s account' }),
      city: z.nullable(z.string()),
      funder: z.nullable(real(funder)),
      trancheId: z.nullable(z.string()),
      raisedOn: real(dateOut),
      lastSeenOn: real(dateOut),
      severity: z.enum(['warning', 'critical']),
      gapFen: real(fen),
      daysOverdue: z.int(),
      responsible: meta(z.nullable(z.enum(['province', 'zone'])), { description: 'Who holds the money up' }),
      held: meta(z.boolean(), { description: 'The project is on hold: suspended by decision, not late' }),
      status: z.enum(['open', 'resolved']),
      resolvedOn: z.nullable(real(dateOut)),
      statementId: meta(z.optional(z.string()), { description: 'unrecorded-payment: the statement and line it is about' }),
      lineNo: z.optional(z.int()),
      indicatorNo: meta(z.optional(z.string()), { description: 'indicator-unallocated: the budget indicator' }),
      fiscalYear: meta(z.optional(z.int()), { description: 'The budget’s alerts: the fiscal year' }),
      programCode: meta(z.optional(z.string()), { description: 'indicator-unallocated: the indicator’s program' }),
    }),
    { id: 'Alert' },
  ),
);

export const alertListQuery = lazySchema(() =>
  z.strictObject({
    status: z.optional(z.enum(['open', 'resolved'])),
    zoneId: z.optional(id()),
    city: z.optional(cityName()),
    projectId: z.optional(id()),
    kind: z.optional(z.enum(ALERT_KINDS)),
    cursor: real(cursor),
    limit: real(limit),
  }),
);
export const alertListOut = lazySchema(() => meta(z.strictObject({ alerts: z.array(real(alertOut)), nextCursor: z.nullable(z.string()) }), { id: 'AlertList' }));

export const sweepSchema = lazySchema(() => meta(z.strictObject({ asOf: z.optional(real(businessDate)) }), { id: 'SweepRequest' }));
export const sweepOut = lazySchema(() =>
  meta(
    z.strictObject({
      asOf: real(dateOut),
      raised: z.int(),
      updated: z.int(),
      resolved: z.int(),
      open: z.int(),
      examined: z.int(),
      skipped: z.int(),
      published: z.int(),
      publishFailed: z.int(),
      budget: meta(z.strictObject({ raised: z.int(), updated: z.int(), resolved: z.int() }), {
        description: 'The budget’s alerts (indicator-unallocated, execution-behind); raised, updated and resolved above count the projects’ alerts, open counts both',
      }),
    }),
    { id: 'SweepResult' },
  ),
);
