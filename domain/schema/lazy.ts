/**
 * A schema built on first use. Building every zod schema of the API at module load was most of a
 * cold start's own work (about 120 M instructions under valgrind, ~25 ms); a request needs only the
 * schemas of its own route. The proxy stands for the schema wherever it is used from outside —
 * parse, z.infer, a route's spec — and builds it the first time anything is asked of it.
 *
 * Inside another schema's builder, nest the real schema (`real(x)`), never the proxy: zod's JSON
 * Schema conversion keys what it has seen by object identity.
 */
const REAL = Symbol('lazy schema target');
const all: (() => unknown)[] = [];

export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const target = (): T => (built ??= build());
  all.push(target);
  return new Proxy(Object.create(null) as T, {
    get: (_, prop) => {
      if (prop === REAL) return target();
      const t = target();
      const value = Reflect.get(t, prop, t);
      // Methods run on the real schema, so what they wrap or register is never the proxy.
      return typeof value === 'function' ? value.bind(t) : value;
    },
    has: (_, prop) => prop === REAL || Reflect.has(target(), prop),
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
    set: (_, prop, value) => Reflect.set(target(), prop, value),
  });
}

/** The schema itself behind a lazy one (anything else is returned as it is). */
export function real<T>(schema: T): T {
  return (schema !== null && typeof schema === 'object' && REAL in (schema as object) ? (schema as Record<symbol, unknown>)[REAL] : schema) as T;
}

/** Builds every lazy schema (the OpenAPI document needs them all, registered by id). */
export function buildAllSchemas(): void {
  for (const build of all) build();
}
