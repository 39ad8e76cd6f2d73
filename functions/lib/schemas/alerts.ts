import * as z from 'zod';
import { ALERT_KINDS } from '../../../domain/alerts/conditions';
import { businessDate, cursor, dateOut, fen, funder, id, limit, text } from './common';

export const alertOut = z
  .strictObject({
    alertId: z.string(),
    kind: z.enum(ALERT_KINDS),
    projectId: z.string(),
    zoneId: z.string(),
    city: z.string().nullable(),
    funder: funder.nullable(),
    trancheId: z.string().nullable(),
    raisedOn: dateOut,
    lastSeenOn: dateOut,
    severity: z.enum(['warning', 'critical']),
    gapFen: fen,
    daysOverdue: z.int(),
    responsible: z.enum(['province', 'zone']).nullable().meta({ description: 'Who holds the money up' }),
    held: z.boolean().meta({ description: 'The project is on hold: suspended by decision, not late' }),
    status: z.enum(['open', 'resolved']),
    resolvedOn: dateOut.nullable(),
  })
  .meta({ id: 'Alert' });

export const alertListQuery = z.strictObject({
  status: z.enum(['open', 'resolved']).optional(),
  zoneId: id().optional(),
  city: text(100).optional(),
  projectId: id().optional(),
  kind: z.enum(ALERT_KINDS).optional(),
  cursor,
  limit,
});
export const alertListOut = z.strictObject({ alerts: z.array(alertOut), nextCursor: z.string().nullable() }).meta({ id: 'AlertList' });

export const sweepSchema = z.strictObject({ asOf: businessDate.optional() }).meta({ id: 'SweepRequest' });
export const sweepOut = z
  .strictObject({
    asOf: dateOut,
    raised: z.int(),
    updated: z.int(),
    resolved: z.int(),
    open: z.int(),
    examined: z.int(),
    skipped: z.int(),
    published: z.int(),
    publishFailed: z.int(),
  })
  .meta({ id: 'SweepResult' });
