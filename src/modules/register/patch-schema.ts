import { z } from 'zod';

type WithoutDefaults<Shape extends z.ZodRawShape> = {
  [Key in keyof Shape]: Shape[Key] extends z.ZodDefault<infer Inner> ? Inner : Shape[Key];
};

/**
 * The schema of a partial update: every field optional and none defaulted. Zod 4's `.partial()`
 * still applies each field's default, so a patch naming only `name` would come back with every
 * other field reset to its default, and applying it would silently wipe them.
 */
export function patchSchemaOf<Shape extends z.ZodRawShape>(fields: z.ZodObject<Shape>) {
  const shape = Object.fromEntries(
    Object.entries(fields.shape).map(([key, schema]) => {
      if (!(schema instanceof z.ZodDefault)) return [key, schema];
      const inner = schema.unwrap() as z.ZodType;
      return [key, schema.description ? inner.describe(schema.description) : inner];
    }),
  ) as WithoutDefaults<Shape>;
  return z.object(shape).partial();
}
