import * as z from 'zod/mini';
import { en } from 'zod/locales';

// zod/mini ships no messages; the API's 400s say in English what is wrong, as before.
z.config(en());

/**
 * What classic zod's `.meta(data)` does, for zod/mini: a copy of the schema registered with
 * `data` in the global registry, the original left as it was (a shared schema can carry different
 * descriptions where it is used). The OpenAPI document is generated from these registrations.
 */
export function meta<T extends z.ZodMiniType>(schema: T, data: z.core.GlobalMeta): T {
  const copy = schema.clone();
  z.globalRegistry.add(copy, data);
  return copy;
}

/** The metadata a schema was registered with, if any. */
export const metaOf = (schema: z.core.$ZodType): z.core.GlobalMeta | undefined => z.globalRegistry.get(schema);
