import { visit } from 'jsonc-parser';
import { badRequest, payloadTooLarge, unsupportedMediaType } from './problems';

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * How deeply a body may nest objects and arrays. The deepest body the API takes is three levels
 * (a registration's or adjustment's `schedule[]` items, a program's `caps.jointShareOfNewInvestment`);
 * 32 leaves ten times that for any future shape, and is far below where a recursive parser
 * (jsonc-parser's `visit`, zod walking the value) runs out of stack: 64 KiB of `[` is 65,536 levels.
 */
export const MAX_JSON_DEPTH = 32;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The first key that occurs twice in one object, as a path (`contract.endsOn`), or null. JSON.parse
 * silently keeps the last one; a ledger must not guess which of two amounts was meant.
 */
export function duplicateKey(text: string): string | null {
  const seen: Set<string>[] = [];
  let found: string | null = null;
  visit(text, {
    onObjectBegin: () => { seen.push(new Set()); },
    onObjectEnd: () => { seen.pop(); },
    onObjectProperty: (property, _offset, _length, _line, _char, pathSupplier) => {
      const keys = seen[seen.length - 1]!;
      if (keys.has(property) && found === null) found = [...pathSupplier(), property].join('.');
      keys.add(property);
    },
  }, { disallowComments: true, allowTrailingComma: false });
  return found;
}

/**
 * Whether the text nests objects and arrays deeper than `max`, by one pass over it that counts
 * brackets outside strings — no recursion, so it is safe on any input, and it runs before anything
 * that recurses sees the body. Brackets need not balance here: malformed JSON is JSON.parse's to report.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character, a quote included
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** The media type and its charset parameter, lower-cased. */
export function mediaType(header: string | undefined): { type: string; charset: string | null } {
  const [type, ...params] = (header ?? '').split(';');
  let charset: string | null = null;
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(p);
    if (m) charset = m[1]!.toLowerCase();
  }
  return { type: type!.trim().toLowerCase(), charset };
}

const isJsonType = (type: string) => type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);

/**
 * A request body as JSON: at most 64 KiB (413), a JSON content type (415), UTF-8 — declared or not,
 * but never another charset, and no byte sequence that is not UTF-8 (400) — nested at most
 * MAX_JSON_DEPTH levels (400) — valid JSON without a key given twice in one object (400). Returns undefined for no body.
 */
export function readJsonBody(raw: Buffer | null, contentType: string | undefined): unknown {
  if (raw === null || raw.byteLength === 0) return undefined;
  if (raw.byteLength > MAX_BODY_BYTES) throw payloadTooLarge(MAX_BODY_BYTES);
  const { type, charset } = mediaType(contentType);
  if (!isJsonType(type)) throw unsupportedMediaType();
  if (charset !== null && charset !== 'utf-8' && charset !== 'utf8') {
    throw badRequest([{ path: 'headers.Content-Type', message: `charset=${charset} is not accepted: send the body as UTF-8` }], 'The body must be UTF-8.');
  }
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw badRequest([{ path: '', message: 'the body contains bytes that are not UTF-8' }], 'The body must be UTF-8.');
  }
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw badRequest([{ path: '', message: `objects and arrays are nested more than ${MAX_JSON_DEPTH} levels deep` }], `The body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw badRequest([{ path: '', message: `malformed JSON: ${(err as Error).message}` }], 'The body is not valid JSON.');
  }
  const dup = duplicateKey(text);
  if (dup !== null) throw badRequest([{ path: dup, message: 'this key appears more than once in its object' }], 'The body repeats a key.');
  return value;
}

/** The raw bytes of a request body, however API Gateway delivered them. */
export function rawBody(body: string | undefined | null, isBase64Encoded: boolean): Buffer | null {
  if (body === undefined || body === null || body === '') return null;
  return isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
}
