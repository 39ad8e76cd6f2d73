import type * as z from 'zod/mini';
import { indicatorView, type IndicatorBody } from '../../domain/budget/indicator';
import type { Req, Reply, RouteImpl } from '../lib/http/handler';
import { badRequest, conflict, notFound, ruleViolated } from '../lib/http/problems';
import { requireRole } from '../lib/authorize';
import { carryOverIndicator, createIndicator, lapseIndicator, type IndicatorAnswer } from '../lib/budget/indicators';
import type { carryOverSchema, indicatorCreateSchema, lapseSchema } from '../lib/schemas';

/**
 * Budget indicators (预算指标), API.md v3: the finance officer's writes. Apart from the reads
 * (budget-reads.ts), so that the write function does not carry the execution report and its workbook.
 */

/** ok → `ok(result)`; invalid → 400, violation → 422, conflict → 409, notFound → 404. */
function answer<T>(out: IndicatorAnswer<T>, ok: (result: T) => Reply): Reply {
  if (out.ok) return ok(out);
  if ('invalid' in out) throw badRequest(out.invalid);
  if ('violation' in out) throw ruleViolated(out.violation);
  if ('conflict' in out) throw conflict(out.conflict);
  throw notFound(out.notFound);
}

async function create(req: Req<unknown, unknown, z.infer<typeof indicatorCreateSchema>>): Promise<Reply> {
  requireRole(req.principal, 'finance-officer');
  const out = await createIndicator(req.body as IndicatorBody, req.now);
  return answer(out, (r) => ({ status: r.created ? 201 : 200, body: { indicator: indicatorView(r.indicator) } }));
}

async function carryOver(req: Req<{ indicatorNo: string }, unknown, z.infer<typeof carryOverSchema>>): Promise<Reply> {
  requireRole(req.principal, 'finance-officer');
  const out = await carryOverIndicator(req.params.indicatorNo, req.body, req.now);
  return answer(out, (r) => ({ status: r.repeated ? 200 : 201, body: { indicator: indicatorView(r.closed), created: indicatorView(r.created) } }));
}

async function lapse(req: Req<{ indicatorNo: string }, unknown, z.infer<typeof lapseSchema>>): Promise<Reply> {
  requireRole(req.principal, 'finance-officer');
  const out = await lapseIndicator(req.params.indicatorNo, req.body, req.now);
  return answer(out, (r) => ({ status: 200, body: { indicator: indicatorView(r.lapsed) } }));
}

export const budgetWrites: Record<string, RouteImpl> = {
  'POST /budget-indicators': create,
  'POST /budget-indicators/{indicatorNo}/carry-over': carryOver,
  'POST /budget-indicators/{indicatorNo}/lapse': lapse,
};
