import fc from 'fast-check';

/** The part of an OpenAPI 3.0 schema object the generators read. */
export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  const?: unknown;
}

/** Text that has broken servers before: NUL, lone surrogates, bidi controls, encodings, size. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\uD800',
    'x\uDC00y',
    '\uDBFF\uDFFF',
    '\u202Egnp.exe',
    '\u2066\u2069\u200E\u200F',
    '%00',
    '%zz',
    '%',
    '..',
    '../../etc/passwd',
    '',
    ' ',
    '\r\n',
    '=cmd|"/c calc"!A1',
    "'; drop table assets; --",
    '\\',
    'null',
    '-1',
    '1e309',
    'NaN',
    '0000-00-00',
    '9999-12-31T23:59:59Z',
    '2026-02-30',
    'true',
    '{}',
    '日本語テキスト',
    '🙂'.repeat(3),
    'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(300, 5000, 70000).map((size) => 'x'.repeat(size)),
  // Ordinary text with a NUL or a lone surrogate inside, so it passes the other checks first.
  fc
    .tuple(fc.stringMatching(/^[a-z0-9-]{2,12}$/), fc.constantFrom('\u0000', '\uD800', '\uDFFF'))
    .map(([text, bad]) => `${text.slice(0, 1)}${bad}${text.slice(1)}`),
);

function safeStringMatching(pattern: string): fc.Arbitrary<string> | null {
  try {
    return fc.stringMatching(new RegExp(pattern));
  } catch {
    return null;
  }
}

const isoInstant = fc
  .date({
    min: new Date('1999-01-01T00:00:00Z'),
    max: new Date('2031-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());
const nearInstant = fc
  .date({
    min: new Date('2025-12-01T00:00:00Z'),
    max: new Date('2026-06-30T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());

/** Valid ISO instants at the ends of what the format can write, where calendar arithmetic overflows. */
const extremeInstant = fc.constantFrom(
  '9999-12-31T23:59:59Z',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+14:00',
  '1000-01-01T00:00:00Z',
  '8999-12-31T23:59:59Z',
);

function schemaString(schema: JsonSchema, pool: () => string[]): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 60, 400);
  const fromPool = fc.nat().map((index) => {
    const values = pool();
    return values.length === 0 ? 'x' : (values[index % values.length] ?? 'x');
  });
  switch (schema.format ?? '') {
    case 'date-time':
      return fc.oneof(nearInstant, isoInstant, extremeInstant);
    case 'date':
      return fc
        .oneof(nearInstant, isoInstant, extremeInstant)
        .map((instant) => instant.slice(0, 10));
    case 'uuid':
      return fc.oneof(fc.uuid(), fromPool);
    case 'email':
      return fc.emailAddress();
    default:
      break;
  }
  const shaped = schema.pattern ? safeStringMatching(schema.pattern) : null;
  const plain = fc.string({ minLength, maxLength });
  return fc.oneof(
    {
      weight: 3,
      arbitrary: shaped
        ? shaped.filter((s) => s.length >= minLength && s.length <= maxLength)
        : plain,
    },
    { weight: 2, arbitrary: fromPool },
    { weight: 1, arbitrary: plain },
  );
}

/**
 * Values shaped like the schema (right types, enums, formats, required fields, mostly valid
 * lengths) with random content, and now and then a nasty string in place of any text.
 */
export function valueOf(
  schema: JsonSchema,
  pool: () => string[],
  depth = 0,
): fc.Arbitrary<unknown> {
  const shaped = shapedValueOf(schema, pool, depth);
  const nullable = schema.nullable
    ? fc.oneof({ weight: 5, arbitrary: shaped }, fc.constant(null))
    : shaped;
  if (schema.type === 'string' || (schema.type === undefined && !schema.properties)) {
    return fc.oneof({ weight: 6, arbitrary: nullable }, { weight: 1, arbitrary: nastyString });
  }
  return nullable;
}

function shapedValueOf(
  schema: JsonSchema,
  pool: () => string[],
  depth: number,
): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices && choices.length > 0)
    return fc.oneof(...choices.map((choice) => valueOf(choice, pool, depth)));
  if (schema.allOf && schema.allOf.length > 0) return valueOf(schema.allOf[0] ?? {}, pool, depth);
  if (depth > 5) return fc.constant(null);
  switch (schema.type ?? 'object') {
    case 'string':
      return schemaString(schema, pool);
    case 'integer':
      return fc.oneof(
        fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 1000 }),
        fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER),
      );
    case 'number':
      return fc.oneof(
        fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1e6, noNaN: true }),
        fc.constantFrom(0, -1, 1e308),
      );
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valueOf(schema.items ?? {}, pool, depth + 1), {
        minLength: Math.min(schema.minItems ?? 0, 5),
        maxLength: Math.min(schema.maxItems ?? 4, 6),
      });
    case 'object':
    default: {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const keys = Object.keys(properties);
      if (keys.length === 0) {
        return schema.additionalProperties
          ? fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), {
              maxKeys: 3,
            })
          : fc.jsonValue({ maxDepth: 2 });
      }
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const key of keys) record[key] = valueOf(properties[key] ?? {}, pool, depth + 1);
      return fc.record(record, {
        requiredKeys: keys.filter((key) => required.has(key)),
      });
    }
  }
}
