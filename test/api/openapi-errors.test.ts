import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../src/platform/http/api-types.js';
import { ERROR_SCHEMA_REF } from '../../src/platform/http/error-responses.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
  security?: unknown[];
}

describe('error responses in the API contract', () => {
  let t: TestApp;
  let operations: { method: string; path: string; operation: Operation }[];
  beforeAll(async () => {
    t = await createTestApp();
    const document = t.app.swagger() as unknown as {
      paths: Record<string, Record<string, Operation>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
    );
  });
  afterAll(() => t.close());

  const errorRef = (operation: Operation, status: number) =>
    operation.responses[String(status)]?.content?.['application/json']?.schema?.$ref;

  it('documents 400 and 500 on every operation, with the one error body unless it says otherwise', () => {
    expect(operations.length).toBeGreaterThan(50);
    const ownBadRequest = operations.filter(
      ({ operation }) => errorRef(operation, 400) !== ERROR_SCHEMA_REF,
    );
    expect(ownBadRequest.map(({ method, path }) => `${method} ${path}`)).toEqual([
      'post /api/v1/assets/import',
    ]);
    const missing = operations
      // A route may document its own 400 (an import's row-by-row report); none goes without one.
      .filter(({ operation }) => operation.responses['400'] === undefined)
      .map(({ method, path }) => `${method} ${path}`);
    expect(missing).toEqual([]);
    expect(operations.every(({ operation }) => errorRef(operation, 500) === ERROR_SCHEMA_REF)).toBe(
      true,
    );
  });

  it('documents 404 wherever the path names a record, and 409 and 507 on every write', () => {
    for (const { method, path, operation } of operations) {
      if (path.includes('{')) expect(errorRef(operation, 404), `${method} ${path}`).toBeDefined();
      if (['post', 'put', 'patch', 'delete'].includes(method)) {
        expect(errorRef(operation, 409), `${method} ${path}`).toBeDefined();
        expect(errorRef(operation, 507), `${method} ${path}`).toBeDefined();
      }
    }
  });

  it('documents 401 and 403 on signed-in routes and not on the public health check', () => {
    const health = operations.find(({ path }) => path === '/api/v1/health/live');
    expect(health).toBeDefined();
    expect(errorRef(health!.operation, 401)).toBeUndefined();
    const workOrders = operations.find(
      ({ method, path }) => method === 'get' && path === '/api/v1/work-orders',
    );
    expect(errorRef(workOrders!.operation, 401)).toBe(ERROR_SCHEMA_REF);
    expect(errorRef(workOrders!.operation, 403)).toBe(ERROR_SCHEMA_REF);
  });

  it('answers errors in the documented body', async () => {
    const token = await t.tokenFor('admin');
    const responses = await Promise.all([
      t.app.inject({
        method: 'GET',
        url: '/api/v1/work-orders?limit=abc',
        headers: { authorization: `Bearer ${token}` },
      }),
      t.app.inject({ method: 'GET', url: '/api/v1/work-orders' }),
      t.app.inject({
        method: 'GET',
        url: '/api/v1/work-orders/00000000-0000-4000-8000-000000000000',
        headers: { authorization: `Bearer ${token}` },
      }),
    ]);
    expect(responses.map((response) => response.statusCode)).toEqual([400, 401, 404]);
    for (const response of responses) {
      expect(errorBodySchema.safeParse(response.json()).success).toBe(true);
    }
  });
});
