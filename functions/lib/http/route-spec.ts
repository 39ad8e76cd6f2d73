import type { ZodMiniObject as ZodObject, ZodMiniType as ZodType } from 'zod/mini';

export interface ResponseSpec {
  description: string;
  /** Body schema; the handler's output goes through it. Absent only for non-JSON bodies. */
  schema?: ZodType;
  /** Default application/json (problem statuses: application/problem+json). */
  contentType?: string;
  /** Response headers worth documenting, by name → description. */
  headers?: Record<string, string>;
}

/** Everything a route promises: the one source for validation, handler typing and /openapi.json. */
export interface RouteSpec {
  summary: string;
  description?: string;
  tags: string[];
  /** Path parameters: every one is validated (an id no record can have is a 400, not a 500). */
  params?: ZodObject;
  query?: ZodObject;
  /** JSON body schema; `bodyOptional`: an empty body counts as {}. */
  body?: ZodType;
  bodyOptional?: boolean;
  /**
   * The body is a binary upload of this content type instead of JSON (e.g. an Excel workbook);
   * `alsoAccepts`: other types taken as well (a statement is CSV or XLSX, told apart by its bytes).
   */
  binaryBody?: { contentType: string; alsoAccepts?: readonly string[]; maxBytes: number };
  idempotencyKey?: 'required' | 'optional';
  /** Success statuses and the 4xx/5xx statuses specific to the route (409, 422, 503 …). */
  responses: Record<number, ResponseSpec>;
}
