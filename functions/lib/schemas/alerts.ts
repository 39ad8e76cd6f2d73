import * as z from 'zod';
import { lazySchema, real } from './lazy';
import { ALERT_KINDS } from '../../../domain/alerts/conditions';
import { businessDate, cursor, dateOut, fen, funder, id, limit, text } from './common';

export const alertOut = lazySchema(() =>
  z
    .strictObject({
      alertId: z.string(),
      kind: z.enum(ALERT_KINDS),
      projectId: z.string(),
      zoneId: z.string(),
      city: z.string().nullable(),
      funder: real(funder).nullable(),
      trancheId: z.string().nullable(),
      raisedOn: real(dateOut),
      lastSeenOn: real(dateOut),
      severity: z.enum(['warning', 'critical']),
      gapFen: real(fen),
      daysOverdue: z.int(),
      responsible: z.enum(['province', 'zone']).nullable().meta({ description: 'Who holds the money up' }),
      held: z.boolean().meta({ description: 'The project is on hold: suspended by decision, not late' }),
      status: z.enum(['open', 'resolved']),
      resolvedOn: real(dateOut).nullable(),
    })
    .meta({ id: 'Alert' }),
);

export const alertListQuery = lazySchema(() =>
  z.strictObject({
    status: z.enum(['open', 'resolved']).optional(),
    zoneId: id().optional(),
    city: text(100).optional(),
    projectId: id().optional(),
    kind: z.enum(ALERT_KINDS).optional(),
    cursor: real(cursor),
    limit: real(limit),
  }),
);
export const alertListOut = lazySchema(() => z.strictObject({ alerts: z.array(real(alertOut)), nextCursor: z.string().nullable() }).meta({ id: 'AlertList' }));

export const sweepSchema = lazySchema(() => z.strictObject({ asOf: real(businessDate).optional() }).meta({ id: 'SweepRequest' }));
export const sweepOut = lazySchema(() =>
  z
    .strictObject({
      asOf: real(dateOut),
      raised: z.int(),
      updated: z.int(),
      resolved: z.int(),
      open: z.int(),
      examined: z.int(),
      skipped: z.int(),
      published: z.int(),
      publishFailed: z.int(),
    })
    .meta({ id: 'SweepResult' }),
);
