import type { RuleViolation, InvalidField } from '../../../domain/project/outcome';
import type { HttpRuleId } from './rule-ids';

/**
 * Every error a handler can answer with, as an RFC 9457 problem. Handlers throw these; one
 * middleware turns them into `application/problem+json` responses.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
    readonly slug: string = String(status),
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }

  body(instance?: string): Record<string, unknown> {
    return {
      type: `https://fundledger.example/problems/${this.slug}`,
      title: this.title,
      status: this.status,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

export const badRequest = (errors: InvalidField[], detail = 'The request is not valid.') =>
  new HttpProblem(400, 'Bad Request', detail, { errors }, {}, 'invalid-request');

export const unauthorized = (detail = 'A valid bearer token is required.') =>
  new HttpProblem(401, 'Unauthorized', detail, {}, { 'www-authenticate': 'Bearer' }, 'unauthorized');

export const forbidden = (detail: string) => new HttpProblem(403, 'Forbidden', detail, {}, {}, 'forbidden');

export const notFound = (detail: string) => new HttpProblem(404, 'Not Found', detail, {}, {}, 'not-found');

export const conflict = (detail: string, rule?: HttpRuleId) =>
  new HttpProblem(409, 'Conflict', detail, rule ? { rule } : {}, {}, rule ?? 'conflict');

export const payloadTooLarge = (limit: number) =>
  new HttpProblem(413, 'Payload Too Large', `The body must not exceed ${limit} bytes.`, {}, {}, 'payload-too-large');

export const unsupportedMediaType = (type = 'application/json') =>
  new HttpProblem(415, 'Unsupported Media Type', `The body must be ${type}.`, {}, {}, 'unsupported-media-type');

export const unavailable = (detail: string, retryAfterSeconds = 1) =>
  new HttpProblem(503, 'Service Unavailable', detail, {}, { 'retry-after': String(retryAfterSeconds) }, 'unavailable');

export const ruleViolated = (v: RuleViolation) =>
  new HttpProblem(
    422,
    'Funding rule violated',
    v.detail,
    {
      rule: v.rule,
      ...(v.limitFen !== undefined ? { limitFen: v.limitFen } : {}),
      ...(v.usedFen !== undefined ? { usedFen: v.usedFen } : {}),
      ...(v.attemptedFen !== undefined ? { attemptedFen: v.attemptedFen } : {}),
      ...(v.brokenOn !== undefined ? { brokenOn: v.brokenOn } : {}),
      ...(v.funder !== undefined ? { funder: v.funder } : {}),
      ...(v.cause !== undefined ? { cause: v.cause } : {}),
    },
    {},
    `rules/${v.rule}`,
  );
