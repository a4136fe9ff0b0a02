import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/modules/identity/api-token.service.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import { USER_ROLES } from '../../src/platform/auth/roles.js';
import { FixedClock } from '../../src/platform/clock.js';
import { nastyString, valueOf, type JsonSchema } from '../support/openapi-arbitraries.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Fixed by default so a failure can be replayed; `FUZZ_SEED=… FUZZ_RUNS=…` to explore further. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
/** A request left unanswered this long is a hang, and fails the run like a 5xx. */
const ANSWER_WITHIN_MS = 10_000;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  parameters: Parameter[];
  jsonBody: JsonSchema | null;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema?: JsonSchema }> };
        consumes?: string[];
      }
    >
  >;
}

type Caller = 'anonymous' | (typeof USER_ROLES)[number] | 'backup-writer';

/** What one generated request is, printed as the counterexample when the server answers 5xx. */
interface FuzzRequest {
  caller: Caller;
  method: Operation['method'];
  url: string;
  contentType: string | null;
  payload: string | null;
}

function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        parameters: operation.parameters ?? [],
        jsonBody: operation.requestBody?.content['application/json']?.schema ?? null,
      });
    }
  }
  return operations;
}

/**
 * encodeURIComponent, except that a lone surrogate (which it refuses) is sent as the three bytes
 * a careless client would produce for it (WTF-8), so the server sees the bytes and must cope.
 */
function encodeLeniently(value: string): string {
  return Array.from(value, (character) => {
    const code = character.charCodeAt(0);
    if (character.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    }
    return encodeURIComponent(character);
  }).join('');
}

/** Percent-encoded, or with raw escapes a client should never send (`%00`, `%zz`, overlong UTF-8). */
const encodedSegment = (value: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(encodeLeniently(value)) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('%00', '%zz', '%', '%C0%AF', '%ED%A0%80', '%2F..%2F', '%E2%80%AE', '%FF')
        .map((raw) => `${encodeLeniently(value)}${raw}`),
    },
  );

function queryOf(operation: Operation, pool: () => string[]): fc.Arbitrary<[string, string][]> {
  const declared = operation.parameters.filter((parameter) => parameter.in === 'query');
  const pairs = declared.map((parameter) =>
    fc.option(
      fc.oneof(
        { weight: 4, arbitrary: valueOf(parameter.schema ?? { type: 'string' }, pool) },
        { weight: 1, arbitrary: nastyString },
      ),
      { nil: undefined, freq: parameter.required ? 10 : 2 },
    ),
  );
  const extra = fc.option(
    fc.tuple(fc.constantFrom('q', 'limit', 'cursor', '__proto__', 'a[b]'), nastyString),
    {
      freq: 8,
      nil: undefined,
    },
  );
  return fc.tuple(fc.tuple(...pairs), extra, fc.boolean()).map(([values, extraPair, repeat]) => {
    const result: [string, string][] = [];
    declared.forEach((parameter, index) => {
      const value = values[index];
      if (value === undefined) return;
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      result.push([parameter.name, text]);
      if (repeat && index === 0) result.push([parameter.name, text]);
    });
    if (extraPair) result.push(extraPair);
    return result;
  });
}

function urlOf(operation: Operation, pool: () => string[]): fc.Arbitrary<string> {
  const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  const segments = names.map((name) => {
    const schema = operation.parameters.find(
      (parameter) => parameter.in === 'path' && parameter.name === name,
    )?.schema ?? { type: 'string' };
    return fc
      .oneof({ weight: 3, arbitrary: valueOf(schema, pool) }, { weight: 1, arbitrary: nastyString })
      .map((value) => (typeof value === 'string' ? value : JSON.stringify(value)))
      .chain(encodedSegment);
  });
  return fc
    .tuple(fc.tuple(...segments), queryOf(operation, pool), encodedSegment('x'))
    .map(([values, query]) => {
      let url = operation.path;
      names.forEach((name, index) => {
        url = url.replace(`{${name}}`, values[index] ?? '');
      });
      const search = query
        .map(([key, value]) => `${encodeURIComponent(key)}=${encodeLeniently(value)}`)
        .join('&');
      return search === '' ? url : `${url}?${search}`;
    });
}

function csvCell(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Bodies of the routes that read a stream or a multipart upload instead of JSON. */
function rawBodyOf(
  operation: Operation,
  pool: () => string[],
  schemas: { asset: JsonSchema; backupRun: JsonSchema },
): fc.Arbitrary<{ contentType: string | null; payload: string | null }> {
  if (operation.path.endsWith('/evidence')) {
    const boundary = 'fuzzboundary';
    const filename = fc.oneof(fc.constantFrom('report.pdf', 'a/b\\c.txt', ''), nastyString);
    const part = fc
      .tuple(filename, fc.constantFrom('file', 'other'), fc.boolean(), fc.string({ maxLength: 50 }))
      .map(([name, field, withName, content]) => {
        const disposition = withName
          ? `form-data; name="${field}"; filename="${name}"`
          : `form-data; name="${field}"`;
        return `--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: text/plain\r\n\r\n${content}\r\n`;
      });
    return fc
      .tuple(part, fc.constantFrom('complete', 'truncated', 'no-parts', 'garbage'), fc.nat())
      .map(([body, shape, cut]) => {
        const complete = `${body}--${boundary}--\r\n`;
        const payload =
          shape === 'complete'
            ? complete
            : shape === 'truncated'
              ? complete.slice(0, cut % complete.length)
              : shape === 'no-parts'
                ? `--${boundary}--\r\n`
                : body.replace(/\r\n/g, '\n');
        return { contentType: `multipart/form-data; boundary=${boundary}`, payload };
      });
  }
  if (operation.path === '/api/v1/assets/import') {
    const columns = Object.keys(schemas.asset.properties ?? {});
    const row = valueOf(schemas.asset, pool).map((asset) =>
      columns
        .map((column) => csvCell((asset as Record<string, unknown> | null)?.[column]))
        .join(','),
    );
    return fc
      .tuple(fc.array(row, { maxLength: 4 }), fc.constantFrom(0, 1, 2), nastyString)
      .map(([rows, variant, garbage]) => ({
        contentType: 'text/csv',
        payload:
          variant === 0
            ? [columns.join(','), ...rows].join('\n')
            : variant === 1
              ? [columns.join(','), ...rows, garbage].join('\r\n')
              : garbage,
      }));
  }
  // /backup-runs/import: Plumbline NDJSON lines, other tools' JSON, or nothing at all.
  const line = fc.oneof(
    valueOf(schemas.backupRun, pool).map((run) => JSON.stringify(run)),
    fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
    nastyString,
  );
  return fc
    .tuple(
      fc.array(line, { maxLength: 4 }),
      fc.constantFrom('application/x-ndjson', 'text/plain', null),
    )
    .map(([lines, contentType]) => ({ contentType, payload: lines.join('\n') }));
}

function bodyOf(
  operation: Operation,
  pool: () => string[],
  schemas: { asset: JsonSchema; backupRun: JsonSchema },
): fc.Arbitrary<{ contentType: string | null; payload: string | null }> {
  const streamed =
    operation.path.endsWith('/evidence') ||
    operation.path === '/api/v1/assets/import' ||
    operation.path === '/api/v1/backup-runs/import';
  if (streamed) return rawBodyOf(operation, pool, schemas);
  if (operation.method === 'GET' || operation.method === 'DELETE') {
    return fc.constant({ contentType: null, payload: null });
  }
  const json = (value: unknown) => ({
    contentType: 'application/json',
    payload: JSON.stringify(value),
  });
  return fc.oneof(
    { weight: 6, arbitrary: valueOf(operation.jsonBody ?? {}, pool).map(json) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.string({ unit: 'binary', maxLength: 30 }),
          fc.constantFrom('application/json', 'text/plain'),
        )
        .map(([payload, contentType]) => ({ contentType, payload })),
    },
    { weight: 1, arbitrary: fc.constant({ contentType: null, payload: null }) },
  );
}

const callers: fc.Arbitrary<Caller> = fc.oneof(
  { weight: 12, arbitrary: fc.constant<Caller>('admin') },
  { weight: 1, arbitrary: fc.constantFrom<Caller>('anonymous', 'backup-writer', ...USER_ROLES) },
);

function describeRequest(request: FuzzRequest): string {
  const payload =
    request.payload === null
      ? ''
      : `\n  body (${request.contentType ?? 'no content type'}): ${JSON.stringify(request.payload.slice(0, 2000))}`;
  return `${request.method} ${request.url} as ${request.caller}${payload}`;
}

describe('the API under random input', () => {
  let t: TestApp;
  const tokens = new Map<Caller, string>();
  /** Keys and ids the API has answered with, so generated paths also reach records that exist. */
  const pool: string[] = [];
  const known = () => pool;

  function remember(body: unknown): void {
    if (typeof body !== 'object' || body === null || pool.length >= 300) return;
    for (const field of ['id', 'key']) {
      const value = (body as Record<string, unknown>)[field];
      if (typeof value === 'string' && !pool.includes(value)) pool.push(value);
    }
  }

  beforeAll(async () => {
    t = await createTestApp({ clock: new FixedClock('2026-03-02T09:00:00.000Z') });
    for (const role of USER_ROLES) tokens.set(role, await t.tokenFor(role));
    const writer = await createApiToken(t.ctx, systemActor, {
      name: 'fuzz-writer',
      role: 'backup-writer',
    });
    tokens.set('backup-writer', writer.token);
    const admin = tokens.get('admin') ?? '';
    const seeded = [
      await t.call(admin, 'POST', '/api/v1/suppliers', { key: 'aws', name: 'Amazon Web Services' }),
      await t.call(admin, 'POST', '/api/v1/assets', {
        key: 'db-prod-eu',
        name: 'Production database (EU)',
        category: 'database',
        environment: 'production',
        ownerRole: 'engineering',
        criticality: 'medium',
        dataClassification: 'confidential',
        supplierKey: 'aws',
      }),
      await t.call(admin, 'POST', '/api/v1/processes', {
        key: 'billing',
        name: 'Billing',
        ownerRole: 'engineering',
        affectsConformity: true,
      }),
    ];
    for (const response of seeded) {
      expect(response.statusCode, response.body).toBe(201);
      remember(response.json());
    }
  });
  afterAll(() => t.close());

  it(
    `answers ${RUNS} generated requests across every documented route without a 5xx`,
    { timeout: 600_000 },
    async () => {
      const documentResponse = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      expect(documentResponse.statusCode).toBe(200);
      const document = documentResponse.json<OpenApiDocument>();
      const operations = operationsOf(document);
      expect(operations.length).toBeGreaterThan(100);
      const runSchema =
        document.paths['/api/v1/backup-runs']?.post?.requestBody?.content['application/json']
          ?.schema?.anyOf?.[0]?.properties?.runs?.items ?? {};
      const schemas = {
        asset:
          document.paths['/api/v1/assets']?.post?.requestBody?.content['application/json']
            ?.schema ?? {},
        backupRun: runSchema,
      };

      // One arbitrary per route, built once: compiling the schemas' patterns is the slow part.
      const requests: fc.Arbitrary<FuzzRequest> = fc.oneof(
        ...operations.map((operation) =>
          fc
            .tuple(callers, urlOf(operation, known), bodyOf(operation, known, schemas))
            .map(([caller, url, body]) => ({ caller, method: operation.method, url, ...body })),
        ),
      );

      const statusCounts = new Map<number, number>();
      const started = performance.now();
      await fc
        .assert(
          fc.asyncProperty(requests, async (request) => {
            const token = tokens.get(request.caller);
            const options: InjectOptions = {
              method: request.method,
              url: request.url,
              headers: {
                ...(token ? { authorization: `Bearer ${token}` } : {}),
                ...(request.contentType ? { 'content-type': request.contentType } : {}),
              },
              ...(request.payload === null ? {} : { payload: request.payload }),
            };
            const began = performance.now();
            let timer: NodeJS.Timeout | undefined;
            const response = await Promise.race([
              t.app.inject(options),
              new Promise<never>((_resolve, reject) => {
                timer = setTimeout(
                  () =>
                    reject(
                      new Error(
                        `no answer within ${ANSWER_WITHIN_MS} ms to ${describeRequest(request)}`,
                      ),
                    ),
                  ANSWER_WITHIN_MS,
                );
              }),
            ]).finally(() => clearTimeout(timer));
            const took = performance.now() - began;
            if (took > 1000)
              console.info(
                `fuzz: slow (${Math.round(took)} ms): ${describeRequest(request).slice(0, 300)}`,
              );
            statusCounts.set(response.statusCode, (statusCounts.get(response.statusCode) ?? 0) + 1);
            if (response.statusCode >= 500) {
              throw new Error(
                `${response.statusCode} for ${describeRequest(request)}\n  answer: ${response.body.slice(0, 500)}`,
              );
            }
            if (
              response.statusCode < 300 &&
              String(response.headers['content-type']).includes('json')
            ) {
              remember(response.json());
            }
          }),
          { seed: SEED, numRuns: RUNS, verbose: 0 },
        )
        .catch((error: unknown) => {
          // fast-check names the shrunk request; the answer it got is in the cause.
          const cause =
            error instanceof Error && error.cause instanceof Error
              ? `\n${error.cause.message}`
              : '';
          throw new Error(
            `FUZZ_SEED=${SEED}: ${error instanceof Error ? error.message : String(error)}${cause}`,
          );
        });
      const seconds = (performance.now() - started) / 1000;
      console.info(
        `fuzz: ${RUNS} requests in ${seconds.toFixed(1)} s (seed ${SEED}); statuses ${JSON.stringify(Object.fromEntries(statusCounts))}`,
      );
      // Most requests are refused (that is the point), but many must get through to the use cases.
      expect([...statusCounts.keys()].some((status) => status < 300)).toBe(true);
    },
  );
});
