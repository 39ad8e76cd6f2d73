/**
 * Deterministic JSON for hashing (rule digests, ledger hash chain): sorted keys, no whitespace.
 * It is stricter than JSON.stringify wherever that would silently change or drop data, because a
 * hash over a lossy rendering would not detect the loss.
 */
// A well-kept pure-JS SHA-256 instead of node:crypto: the same hash chain is computed on the
// server and, through the catalogue of entry kinds, loaded by the console in the browser.
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

function fail(path: string, what: string): never {
  throw new TypeError(`canonicalJson: ${what} at ${path || '(root)'}`);
}

function render(value: unknown, path: string, seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) fail(path, `non-finite number ${value}`);
      return JSON.stringify(value); // -0 renders as 0, like JSON.stringify
    case 'undefined':
      return fail(path, 'undefined (only allowed as an object property value, which is omitted)');
    case 'bigint':
    case 'function':
    case 'symbol':
      return fail(path, `unsupported ${typeof value}`);
    case 'object':
      break;
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (seen.has(obj)) fail(path, 'circular reference');
  seen.add(obj);
  try {
    if (Array.isArray(obj)) {
      const items: string[] = [];
      // Index loop (not map) so holes in sparse arrays are visited and rejected as undefined.
      for (let i = 0; i < obj.length; i++) items.push(render(obj[i], `${path}[${i}]`, seen));
      return `[${items.join(',')}]`;
    }
    const proto: unknown = Object.getPrototypeOf(obj);
    // Dates, Maps, class instances etc. have no single obvious JSON form; callers convert first.
    if (proto !== Object.prototype && proto !== null) fail(path, 'non-plain object');
    if (Object.getOwnPropertySymbols(obj).length > 0) fail(path, 'symbol-keyed property');
    const record = obj as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is the order we want.
    const keys = Object.keys(record).sort();
    const members: string[] = [];
    for (const key of keys) {
      const v = record[key];
      if (v === undefined) continue;
      members.push(`${JSON.stringify(key)}:${render(v, path ? `${path}.${key}` : key, seen)}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    // Only ancestors count as cycles; the same object may appear twice in sibling positions.
    seen.delete(obj);
  }
}

export function canonicalJson(value: unknown): string {
  return render(value, '', new Set());
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
