import type { FastifySerializerCompiler } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * What a route answers, written as JSON with only the fields its response schema declares.
 *
 * zod's encode (the type provider's serializer) re-ran every input check of a response schema
 * (trims, patterns, lengths, refinements) over data the server built itself: about three quarters
 * of the CPU of answering a page of 50 assets (docs/performance.md). This walks the schema once per
 * route instead and copies, for each value, the declared keys of objects, the elements of arrays
 * and primitives of the declared kind, so an undeclared field (a password hash on a row) is never
 * written, as before. Whatever it does not know by shape alone (unions, records, transforms, a
 * required field missing, a value of another kind) goes through zod's encode as before, and fails
 * the same way.
 */
export const responseSerializerCompiler: FastifySerializerCompiler<unknown> = ({
  schema,
  method,
  url,
}) => {
  const project = projectorOf(resolveSchema(schema), { method, url });
  return (data) => JSON.stringify(project(data));
};

type Projector = (value: unknown) => unknown;

interface RouteOf {
  method: string;
  url: string;
}

function resolveSchema(schema: unknown): z.ZodType {
  if (schema instanceof z.ZodType) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  if (properties instanceof z.ZodType) return properties;
  throw new Error(`Not a zod response schema: ${JSON.stringify(schema)}`);
}

/** zod's own encode of the value: the reference behaviour, and its error. */
function encodeWith(schema: z.ZodType, route: RouteOf): Projector {
  return (value) => {
    const result = z.safeEncode(schema, value);
    if (result.error) {
      throw new ResponseSerializationError(route.method, route.url, { cause: result.error });
    }
    return result.data;
  };
}

/** A projector for the schema, built once per route. Exported for its tests. */
export function projectorOf(schema: z.ZodType, route: RouteOf): Projector {
  const encode = encodeWith(schema, route);
  const def = (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
  switch (def.type) {
    case 'string':
      return (value) => (typeof value === 'string' ? value : encode(value));
    case 'number':
      return (value) =>
        typeof value === 'number' && Number.isFinite(value) ? value : encode(value);
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : encode(value));
    case 'null':
      return (value) => (value === null ? null : encode(value));
    case 'enum': {
      const allowed = new Set(Object.values(def.entries ?? {}));
      return (value) => (allowed.has(value as string | number) ? value : encode(value));
    }
    case 'literal': {
      const allowed = new Set(def.values ?? []);
      return (value) => (allowed.has(value) ? value : encode(value));
    }
    case 'nullable': {
      const inner = projectorOf(def.innerType as z.ZodType, route);
      return (value) => (value === null ? null : inner(value));
    }
    case 'optional': {
      const inner = projectorOf(def.innerType as z.ZodType, route);
      return (value) => (value === undefined ? undefined : inner(value));
    }
    case 'default':
    case 'prefault': {
      const inner = projectorOf(def.innerType as z.ZodType, route);
      return (value) => (value === undefined ? encode(value) : inner(value));
    }
    case 'array': {
      const element = projectorOf(def.element as z.ZodType, route);
      return (value) => (Array.isArray(value) ? value.map(element) : encode(value));
    }
    case 'object': {
      // A strict or loose object (a catchall) is left to zod: it refuses or keeps other keys.
      if (def.catchall !== undefined) return encode;
      const fields = Object.entries(def.shape ?? {}).map(
        ([key, field]) => [key, projectorOf(field as z.ZodType, route)] as const,
      );
      return (value) => {
        if (value === null || typeof value !== 'object' || Array.isArray(value))
          return encode(value);
        const source = value as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const [key, project] of fields) {
          const field = source[key];
          // An absent field may be optional or defaulted, or missing: zod decides, as before.
          if (field === undefined) return encode(value);
          out[key] = project(field);
        }
        return out;
      };
    }
    default:
      return encode;
  }
}

/** The parts of a zod schema's definition the projector reads. */
interface ZodDef {
  type: string;
  innerType?: unknown;
  element?: unknown;
  shape?: Record<string, unknown>;
  catchall?: unknown;
  entries?: Record<string, string | number>;
  values?: unknown[];
}
