/**
 * domain/canonical-json.ts (server-side hashing) reaches the console's type check only through
 * type-only imports of the shared schemas (domain/project/types → domain/programs/program); it is
 * never in the browser bundle (type imports are erased). This declares the one function it uses,
 * so `tsc -p console` passes without putting Node's types into the browser code.
 */
declare module 'node:crypto' {
  export function createHash(algorithm: 'sha256'): {
    update(data: string, encoding: 'utf8'): { digest(encoding: 'hex'): string };
  };
}
