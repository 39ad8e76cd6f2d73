import type { RuleViolation } from '../../../domain/project/outcome';
import type { Remembered, RememberedAnswer } from '../ledger/outcomes';
import type { IdempotencyRecord } from './transaction-items';

/**
 * A stored Idempotency-Key record as the use case reads it. Records keep the outcome itself
 * (`outcome`); records written before outcomes were typed keep the HTTP answer (`status`, `body`),
 * read here as the outcome it was — the same answer comes back either way.
 */
export function idempotencyRecordFrom(item: Record<string, unknown>): IdempotencyRecord {
  const key = String(item.sk).replace(/^IDEMP#/, '');
  const requestHash = item.requestHash as string;
  if (typeof item.outcome === 'string') return { key, requestHash, outcome: JSON.parse(item.outcome) as RememberedAnswer };
  const body = JSON.parse(item.body as string) as Record<string, unknown>;
  if (item.status === 201) return { key, requestHash, outcome: { kind: 'posted', entry: body.entry, project: body.project } as Remembered };
  const problem = body as unknown as RuleViolation;
  const figures = Object.fromEntries((['limitFen', 'usedFen', 'attemptedFen', 'brokenOn'] as const).filter((k) => problem[k] !== undefined).map((k) => [k, problem[k]]));
  return { key, requestHash, outcome: { kind: 'rejected', violation: { rule: problem.rule, detail: problem.detail, ...figures } } };
}
