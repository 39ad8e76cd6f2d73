/**
 * Every response the test client receives is checked against the API's own /openapi.json: the
 * status must be one the document lists for that operation, the content type one it names for
 * that status, and the body must validate against the schema it gives (problem+json bodies
 * against the Problem component). A drift between what the API says and what it does fails the
 * request helper with a message that names the request, the operation and what is wrong.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

const DOC_ID = 'fundledger-openapi';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface Template {
  path: string;
  segments: string[];
  literals: number;
}

export interface CheckedResponse {
  method: string;
  /** The request target as sent (path and query). */
  target: string;
  status: number;
  contentType: string;
  body: unknown;
  text: string;
}

/** Operation key (`POST /projects/{projectId}/allocations`) of a request, or null when no path matches. */
export interface Matched {
  template: string;
  operation: Record<string, any> | null;
  /** Methods the path has in the document. */
  methods: string[];
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export class OpenApiContract {
  private readonly ajv: Ajv2020;
  private readonly templates: Template[];
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(readonly doc: Record<string, any>) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    // OpenAPI's own formats for bodies that are not JSON.
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema(doc, DOC_ID);
    this.templates = Object.keys(doc.paths ?? {})
      .map((path) => {
        const segments = path.split('/').slice(1);
        return { path, segments, literals: segments.filter((s) => !/^\{.+\}$/.test(s)).length };
      })
      .sort((a, b) => b.literals - a.literals);
  }

  /** The document's path template for a raw request path (matched as API Gateway would: decoded segments). */
  match(method: string, rawPath: string): Matched | null {
    const parts = rawPath.split('/').slice(1);
    for (const t of this.templates) {
      if (t.segments.length !== parts.length) continue;
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const seg = t.segments[i]!;
        let decoded: string;
        try {
          decoded = decodeURIComponent(parts[i]!);
        } catch {
          ok = false;
          break;
        }
        if (/^\{.+\}$/.test(seg)) ok = parts[i] !== '';
        else ok = decoded === seg;
      }
      if (!ok) continue;
      const item = this.doc.paths[t.path] as Record<string, any>;
      const methods = METHODS.filter((m) => item[m]).map((m) => m.toUpperCase());
      return { template: t.path, operation: item[method.toLowerCase()] ?? null, methods };
    }
    return null;
  }

  private validator(pointer: string): ValidateFunction {
    let v = this.cache.get(pointer);
    if (!v) {
      v = this.ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
      this.cache.set(pointer, v);
    }
    return v;
  }

  private problemErrors(res: CheckedResponse): string[] {
    const v = this.validator('/components/schemas/Problem');
    const errors: string[] = [];
    if (!v(res.body)) errors.push(...(v.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`));
    if (typeof res.body === 'object' && res.body !== null && (res.body as { status?: unknown }).status !== res.status) {
      errors.push(`problem status ${(res.body as { status?: unknown }).status} differs from the HTTP status ${res.status}`);
    }
    return errors;
  }

  /** Throws an Error naming the request and every deviation from the document; returns quietly otherwise. */
  check(res: CheckedResponse): void {
    const rawPath = res.target.split('?')[0]!;
    const where = `${res.method} ${res.target} → ${res.status}`;
    const fail = (why: string[]): never => {
      const shown = res.text.length > 2000 ? `${res.text.slice(0, 2000)}…` : res.text;
      throw new Error(`${where}: the response breaks /openapi.json:\n  - ${why.join('\n  - ')}\n  body: ${shown}`);
    };
    const mediaType = res.contentType.split(';')[0]!.trim().toLowerCase();
    const matched = this.match(res.method, rawPath);
    // No operation for the request: the gateway's own 404 (no route) or 405 (no such method), as problems.
    if (!matched || !matched.operation) {
      const allowed = !matched ? [404] : [405];
      if (!allowed.includes(res.status)) fail([`no operation ${res.method} ${matched?.template ?? rawPath} in the document, so only ${allowed.join('/')} may answer, not ${res.status}`]);
      if (mediaType !== 'application/problem+json') fail([`content type ${res.contentType || '(none)'} is not application/problem+json`]);
      const errors = this.problemErrors(res);
      if (errors.length) fail(errors);
      return;
    }
    const opKey = `${res.method.toUpperCase()} ${matched.template}`;
    const responses = matched.operation.responses as Record<string, any>;
    const documented = responses[String(res.status)];
    if (!documented) fail([`${opKey} does not list status ${res.status} (it lists ${Object.keys(responses).join(', ')})`]);
    const content = (documented.content ?? {}) as Record<string, { schema?: unknown }>;
    if (Object.keys(content).length === 0) {
      if (res.text !== '') fail([`${opKey} ${res.status} has no body in the document, but one was sent`]);
      return;
    }
    if (!content[mediaType]) fail([`${opKey} ${res.status}: content type ${res.contentType || '(none)'} is not one of ${Object.keys(content).join(', ')}`]);
    if (mediaType === 'application/problem+json') {
      const errors = this.problemErrors(res);
      if (errors.length) fail(errors.map((e) => `${opKey} ${res.status} (Problem): ${e}`));
      return;
    }
    const pointer = `/paths/${escapePointer(matched.template)}/${res.method.toLowerCase()}/responses/${res.status}/content/${escapePointer(mediaType)}/schema`;
    const v = this.validator(pointer);
    if (!v(res.body)) {
      fail((v.errors ?? []).slice(0, 20).map((e) => `${opKey} ${res.status}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`));
    }
  }

  /** Every operation of the document as `METHOD /template`. */
  operations(): { method: string; path: string; operation: Record<string, any> }[] {
    const out: { method: string; path: string; operation: Record<string, any> }[] = [];
    for (const [path, item] of Object.entries(this.doc.paths as Record<string, Record<string, any>>)) {
      for (const m of METHODS) if (item[m]) out.push({ method: m.toUpperCase(), path, operation: item[m] });
    }
    return out;
  }
}
