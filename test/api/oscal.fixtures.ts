import fs from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';
import type { WorkOrderDetail } from '../../src/modules/work-orders/work-order.schema.js';
import { nonconformanceJob } from '../../src/modules/nonconformances/raise-nonconformances.js';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import type { FixedClock } from '../../src/platform/clock.js';
import { TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { signedInPerson } from '../support/factory.js';

// ajv-formats is CommonJS with a default export; under NodeNext its namespace is the function.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const SCHEMAS = {
  'assessment-results': 'oscal_assessment-results_schema-1.0.6.json',
  'component-definition': 'oscal_component_schema-1.0.6.json',
  complete: 'oscal_complete_schema-1.0.6.json',
} as const;

/**
 * A validator for one of NIST's OSCAL 1.0.6 schemas. The schemas' patterns use Unicode property
 * escapes (\p{L}), which ajv compiles in its default unicode mode; `strict: false` because the
 * schemas carry keywords ajv's strict mode does not know (e.g. `$comment`-like annotations).
 */
export function oscalValidator(schema: keyof typeof SCHEMAS): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const url = new URL(`../fixtures/oscal/${SCHEMAS[schema]}`, import.meta.url);
  return ajv.compile(JSON.parse(fs.readFileSync(url, 'utf8')) as object);
}

/** Asserts a document is valid, showing ajv's errors when it is not. */
export function expectValid(validate: ValidateFunction, document: unknown): void {
  const valid = validate(document);
  expect(validate.errors ?? [], 'OSCAL schema errors').toEqual([]);
  expect(valid).toBe(true);
}

const server = (key: string, fields: Record<string, unknown> = {}) => ({
  key,
  name: `Server ${key}`,
  category: 'server',
  environment: 'production',
  ownerRole: 'engineering',
  criticality: 'medium',
  dataClassification: 'internal',
  ...fields,
});

/**
 * March 2026 for sop-018: web-1's monthly patching done with evidence and verified, web-2's done
 * but never verified, a critical patch on web-2 missed (raising a nonconformance still open), two
 * backup runs and a restore test of the database db-1, and a decommissioned server in the
 * register. The clock ends on 20 April.
 */
export async function seedOscalPeriod(t: TestApp, clock: FixedClock) {
  clock.set('2026-03-02T09:00:00Z');
  const admin = await t.tokenFor('admin');
  const assets = [
    server('web-1', {
      criticality: 'high',
      criticalityRationale: 'Serves the customer portal',
      purpose: 'Customer portal web server',
      configurationReference: 'ansible/roles/web@v12',
      region: 'eu-central',
      tags: ['internet-facing'],
    }),
    server('web-2'),
    { ...server('db-1'), name: 'Orders database', category: 'database' },
    { ...server('old-1'), lifecycleStatus: 'decommissioned' },
  ];
  for (const asset of assets) {
    const created = await t.call(admin, 'POST', '/api/v1/assets', asset);
    expect(created.statusCode, created.body).toBe(201);
  }
  const generated = await t.call(admin, 'POST', '/api/v1/occurrences/generate', {
    from: '2026-03-01T00:00:00Z',
    until: '2026-04-30T00:00:00Z',
  });
  expect(generated.statusCode).toBe(200);
  const patching = async (asset: string) =>
    (await t.call(admin, 'GET', `/api/v1/occurrences?control=os-patching-monthly&asset=${asset}`))
      .json<{ items: OccurrenceView[] }>()
      .items.find((occurrence) => occurrence.periodKey === '2026-03')!;
  const missed = (
    await t.call(admin, 'POST', '/api/v1/events', {
      type: 'critical-patch-released',
      asset: 'web-2',
      at: '2026-03-10T08:00:00Z',
    })
  ).json<{ occurrenceIds: string[] }>().occurrenceIds[0]!;

  const engineer = await t.tokenFor('engineering');
  clock.set('2026-03-20T10:00:00Z');
  const completed: WorkOrderDetail[] = [];
  for (const asset of ['web-1', 'web-2']) {
    const occurrence = await patching(asset);
    const started = await t.call(engineer, 'POST', `/api/v1/occurrences/${occurrence.id}/start`);
    expect(started.statusCode).toBe(201);
    const id = started.json<{ id: string }>().id;
    const workOrder = (
      await t.call(engineer, 'GET', `/api/v1/work-orders/${id}`)
    ).json<WorkOrderDetail>();
    const boundary = '----oscal-evidence';
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${id}/evidence`,
      headers: {
        authorization: `Bearer ${engineer}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="patch.log"\r\nContent-Type: text/plain\r\n\r\n${asset} patched to 2026-03\r\n--${boundary}--\r\n`,
      ),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    for (const item of workOrder.checklist) {
      await t.call(engineer, 'PATCH', `/api/v1/work-orders/${id}/checklist/${item.id}`, {
        done: true,
      });
    }
    const done = await t.call(engineer, 'POST', `/api/v1/work-orders/${id}/complete`, {
      note: 'Patched to 2026-03',
    });
    expect(done.statusCode, done.body).toBe(200);
    completed.push(workOrder);
  }
  clock.set('2026-03-21T10:00:00Z');
  const quality = await signedInPerson(t, 'quality');
  const verified = await quality.call('POST', `/api/v1/work-orders/${completed[0]!.id}/verify`, {
    password: TEST_PASSWORD,
  });
  expect(verified.statusCode, verified.body).toBe(200);
  // db-1's backups in March, and a restore test of it.
  for (const [day, status] of [
    ['10', 'succeeded'],
    ['11', 'failed'],
  ] as const) {
    const posted = await t.call(admin, 'POST', '/api/v1/backup-runs', {
      asset: 'db-1',
      tool: 'pg_dump',
      externalId: `db-1-2026-03-${day}`,
      startedAt: `2026-03-${day}T01:00:00Z`,
      finishedAt: `2026-03-${day}T01:10:00Z`,
      status,
    });
    expect(posted.statusCode, posted.body).toBeLessThan(300);
  }
  const engineerPerson = await signedInPerson(t, 'engineering');
  const restored = await engineerPerson.call('POST', '/api/v1/restore-tests', {
    asset: 'db-1',
    recoveryPointAt: '2026-03-10T01:10:00Z',
    startedAt: '2026-03-12T06:00:00Z',
    finishedAt: '2026-03-12T07:00:00Z',
    integrityChecks: [{ check: 'Row counts match the source', passed: true }],
  });
  expect(restored.statusCode, restored.body).toBe(201);
  clock.set('2026-03-24T09:00:00Z');
  await nonconformanceJob(t.ctx).run();
  clock.set('2026-04-20T08:00:00Z');
  return { admin, missedOccurrenceId: missed };
}
