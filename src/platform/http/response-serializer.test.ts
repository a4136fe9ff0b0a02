import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assetViewSchema } from '../../modules/register/asset.schema.js';
import { pageSchema } from './paging.js';
import { responseSerializerCompiler } from './response-serializer.js';

const route = { method: 'GET', url: '/test' };

function serializerFor(schema: z.ZodType): (data: unknown) => string {
  return responseSerializerCompiler({ schema, ...route, httpStatus: '200' });
}

/** What the serializer of fastify-type-provider-zod wrote: zod's encode, then JSON. */
function zodReference(schema: z.ZodType, data: unknown): string {
  return JSON.stringify(z.encode(schema, data));
}

const asset = {
  id: '0b0c6a53-4f8e-4a41-9d0e-3c2f1e6f7a10',
  key: 'db-main',
  name: 'Main database',
  category: 'database',
  purpose: 'Customer records',
  supplierKey: 'aws',
  supplierName: 'Amazon Web Services',
  thirdPartyManaged: true,
  environment: 'production',
  configurationReference: 'infra/rds.tf',
  ownerRole: 'engineering',
  ownerPerson: 'dba@example.test',
  criticality: 'high',
  criticalityRationale: 'Holds customer data',
  dataClassification: 'confidential',
  region: 'eu-central-1',
  lifecycleStatus: 'in-service',
  tags: ['pii', 'tier:1'],
  acceptanceCriteria: 'Restores within 4 hours',
  lastReviewedOn: '2026-11-02',
  nextReviewDueOn: null,
  version: 3,
  createdAt: '2026-01-05T10:00:00.000Z',
  updatedAt: '2026-11-02T09:30:00.000Z',
};

describe('response serializer', () => {
  it('writes a page of assets byte for byte as zod encode did', () => {
    const schema = pageSchema(assetViewSchema);
    const page = {
      items: [asset, { ...asset, key: 'db-replica', supplierKey: null }],
      nextCursor: 'abc',
    };
    expect(serializerFor(schema)(page)).toBe(zodReference(schema, page));
  });

  it('never writes a field the schema does not declare', () => {
    const schema = z.object({ email: z.string(), tags: z.array(z.object({ name: z.string() })) });
    const written = serializerFor(schema)({
      email: 'a@example.test',
      passwordHash: 'secret',
      tags: [{ name: 'x', internal: 1 }],
    });
    expect(JSON.parse(written)).toEqual({ email: 'a@example.test', tags: [{ name: 'x' }] });
  });

  it('leaves optional, defaulted, union and record parts to zod', () => {
    const schema = z.object({
      note: z.string().optional(),
      kind: z.union([z.literal('a'), z.object({ b: z.number() })]),
      count: z.number().default(0),
      counts: z.record(z.string(), z.number()),
    });
    const value = { kind: { b: 2, extra: true }, count: 2, counts: { open: 1 } };
    expect(serializerFor(schema)(value)).toBe(zodReference(schema, value));
  });

  it('does not re-run input checks over what the server built', () => {
    const schema = z.object({ key: z.string().max(2), count: z.number().int() });
    expect(serializerFor(schema)({ key: 'longer', count: 1.5 })).toBe(
      '{"key":"longer","count":1.5}',
    );
  });

  it('leaves strict and loose objects to zod', () => {
    const strict = z.strictObject({ a: z.number() });
    expect(() => serializerFor(strict)({ a: 1, b: 2 })).toThrow();
    const loose = z.looseObject({ a: z.number() });
    expect(serializerFor(loose)({ a: 1, b: 2 })).toBe('{"a":1,"b":2}');
  });

  it('fails as zod did when a required field is missing or of another kind', () => {
    const schema = z.object({ total: z.number(), state: z.enum(['open', 'closed']) });
    expect(() => serializerFor(schema)({ state: 'open' })).toThrow();
    expect(() => serializerFor(schema)({ total: '3', state: 'open' })).toThrow();
    expect(() => serializerFor(schema)({ total: 3, state: 'gone' })).toThrow();
  });
});
