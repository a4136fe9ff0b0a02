import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiContractTypes, type OpenApiDocument } from '../../scripts/api-contract-types.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('the committed API contract', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('matches what the routes generate (run `npm run openapi` after changing a route)', () => {
    const committed = JSON.parse(
      fs.readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(JSON.parse(JSON.stringify(t.app.swagger()))).toEqual(committed);
  });

  it('types the shared client as the routes do (run `npm run openapi` after changing a route)', () => {
    const committed = fs.readFileSync(
      new URL('../../src/shared/api/contract.generated.ts', import.meta.url),
      'utf8',
    );
    const document = JSON.parse(JSON.stringify(t.app.swagger())) as OpenApiDocument;
    expect(apiContractTypes(document)).toBe(committed);
  });
});
