import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventView } from '../../src/modules/audit-log/audit-log.schema.js';
import type { AssetView } from '../../src/modules/register/asset.schema.js';
import type { AssetImportReport } from '../../src/modules/register/import-assets.js';
import type { AuditChainReport } from '../../src/platform/audit/verify-audit-chain.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const fixture = (name: string): Buffer =>
  fs.readFileSync(new URL(`../fixtures/csv/${name}`, import.meta.url));

const REQUIRED_HEADER = 'key,name,category,environment,owner_role,criticality,data_classification';
const EMPTY_FILE = 'the file is empty: expected a header line with the column names';
const FORMULA_START = /^[=+\-@\t\r]/;

function importCsv(
  t: TestApp,
  token: string,
  payload: Buffer | string,
  query = '',
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/assets/import${query}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    payload,
  });
}

async function listAssets(t: TestApp, token: string): Promise<AssetView[]> {
  const response = await t.call(token, 'GET', '/api/v1/assets');
  expect(response.statusCode).toBe(200);
  return response.json<{ items: AssetView[] }>().items;
}

/** How many events the audit chain holds, after checking that it is intact. */
async function auditEventCount(t: TestApp, token: string): Promise<number> {
  const report = (await t.call(token, 'GET', '/api/v1/audit/verify')).json<AuditChainReport>();
  expect(report).toMatchObject({ valid: true, firstBroken: null });
  return report.eventCount;
}

async function createSuppliers(t: TestApp, token: string, keys: string[]): Promise<void> {
  for (const key of keys) {
    const response = await t.call(token, 'POST', '/api/v1/suppliers', {
      key,
      name: key.toUpperCase(),
    });
    expect(response.statusCode).toBe(201);
  }
}

const report = (overrides: Partial<AssetImportReport>): AssetImportReport => ({
  dryRun: false,
  partial: false,
  rows: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  errors: [],
  written: false,
  ...overrides,
});

describe('asset CSV import', () => {
  let t: TestApp;
  let admin: string;
  let engineering: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor('admin');
    engineering = await t.tokenFor('engineering');
    await createSuppliers(t, admin, ['aws', 'microsoft']);
  });
  afterAll(() => t.close());

  describe('a good file', () => {
    it('creates one asset per row', async () => {
      const eventsBefore = await auditEventCount(t, admin);
      const response = await importCsv(t, engineering, fixture('assets-good.csv'));
      expect(response.statusCode).toBe(200);
      expect(response.json<AssetImportReport>()).toEqual(
        report({ rows: 5, created: 5, written: true }),
      );
      expect((await listAssets(t, admin)).map((asset) => asset.key)).toEqual([
        'db-prod-eu',
        'laptop-fleet',
        'm365',
        'vpn-gw',
        'web-portal',
      ]);
      // One entry per asset and one for the import itself.
      expect(await auditEventCount(t, admin)).toBe(eventsBefore + 6);
    });

    it('reads every column, quoted commas, doubled quotes and line breaks', async () => {
      const assets = await listAssets(t, admin);
      const byKey = new Map(assets.map((asset) => [asset.key, asset]));
      expect(byKey.get('db-prod-eu')).toMatchObject({
        name: 'Production database (EU)',
        category: 'database',
        purpose: 'Customer records, orders and invoices',
        supplierKey: 'aws',
        supplierName: 'AWS',
        thirdPartyManaged: true,
        environment: 'production',
        configurationReference: 'infra/rds/prod.tf',
        ownerRole: 'engineering',
        ownerPerson: 'dba@example.test',
        criticality: 'critical',
        criticalityRationale: 'Holds every customer record',
        dataClassification: 'confidential',
        region: 'eu-central-1',
        lifecycleStatus: 'in-service',
        tags: ['pii', 'eu'],
        acceptanceCriteria: 'Restores within 4 h; RPO 15 min',
        lastReviewedOn: '2026-01-15',
        nextReviewDueOn: '2026-04-15',
        version: 1,
      });
      expect(byKey.get('web-portal')?.purpose).toBe(
        'Where customers place orders.\nRuns on the "blue" cluster.',
      );
      expect(byKey.get('vpn-gw')).toMatchObject({
        thirdPartyManaged: false,
        lifecycleStatus: 'verified',
        tags: ['remote-access', 'network'],
      });
      expect(byKey.get('m365')).toMatchObject({
        thirdPartyManaged: true,
        supplierKey: 'microsoft',
      });
    });

    it('changes nothing when the same file is imported again', async () => {
      const before = await listAssets(t, admin);
      const eventsBefore = await auditEventCount(t, admin);
      const response = await importCsv(t, engineering, fixture('assets-good.csv'));
      expect(response.statusCode).toBe(200);
      expect(response.json<AssetImportReport>()).toEqual(report({ rows: 5, unchanged: 5 }));
      expect(await listAssets(t, admin)).toEqual(before);
      expect(await auditEventCount(t, admin)).toBe(eventsBefore);
    });

    it('reports what a modified file would do on a dry run, and writes nothing', async () => {
      const before = await listAssets(t, admin);
      const eventsBefore = await auditEventCount(t, admin);
      const response = await importCsv(
        t,
        engineering,
        fixture('assets-modified.csv'),
        '?dryRun=true',
      );
      expect(response.statusCode).toBe(200);
      expect(response.json<AssetImportReport>()).toEqual(
        report({ dryRun: true, rows: 6, created: 1, updated: 2, unchanged: 3 }),
      );
      expect(await listAssets(t, admin)).toEqual(before);
      expect(await auditEventCount(t, admin)).toBe(eventsBefore);
    });

    it('updates the changed rows of a modified file and records each change', async () => {
      const response = await importCsv(t, engineering, fixture('assets-modified.csv'));
      expect(response.statusCode).toBe(200);
      expect(response.json<AssetImportReport>()).toEqual(
        report({ rows: 6, created: 1, updated: 2, unchanged: 3, written: true }),
      );
      const byKey = new Map((await listAssets(t, admin)).map((asset) => [asset.key, asset]));
      expect(byKey.get('db-prod-eu')).toMatchObject({ region: 'eu-west-1', version: 2 });
      expect(byKey.get('vpn-gw')).toMatchObject({
        criticality: 'low',
        lifecycleStatus: 'in-service',
        version: 2,
      });
      expect(byKey.get('m365')?.version).toBe(1);
      expect(byKey.get('backup-vault')).toMatchObject({ supplierKey: 'aws', version: 1 });

      const history = await t.call(admin, 'GET', '/api/v1/assets/db-prod-eu/history');
      const events = history.json<{ items: AuditEventView[] }>().items;
      expect(events.map((event) => event.action)).toEqual(['asset.updated', 'asset.created']);
      expect(events[0]).toMatchObject({
        before: { region: 'eu-central-1', version: 1 },
        after: { region: 'eu-west-1', version: 2, supplierKey: 'aws' },
      });
    });
  });

  describe('a file with bad lines', () => {
    const BAD_FILE_ERRORS = [
      {
        line: 3,
        column: 'category',
        message: expect.stringContaining('expected one of "facility"') as unknown,
      },
      { line: 5, column: 'name', message: 'is required' },
      { line: 8, column: 'key', message: 'duplicate of line 2' },
      { line: 9, column: 'supplier', message: 'no supplier with key nobody' },
      { line: 10, column: 'third_party_managed', message: 'must be true or false' },
      { line: 11, column: 'last_reviewed_on', message: 'must be a date as YYYY-MM-DD' },
      {
        line: 12,
        column: 'criticality_rationale',
        message: 'is required when criticality is high',
      },
    ];

    it('is refused whole: every bad line is reported by line and column, nothing is written', async () => {
      const before = await listAssets(t, admin);
      const eventsBefore = await auditEventCount(t, admin);
      const response = await importCsv(t, engineering, fixture('assets-bad.csv'));
      expect(response.statusCode).toBe(400);
      expect(response.json<AssetImportReport>()).toEqual(
        report({ rows: 9, created: 2, skipped: 7, errors: BAD_FILE_ERRORS as never }),
      );
      expect(await listAssets(t, admin)).toEqual(before);
      expect(await auditEventCount(t, admin)).toBe(eventsBefore);
    });

    it('with partial=true writes the good rows and reports the bad ones', async () => {
      const countBefore = (await listAssets(t, admin)).length;
      const response = await importCsv(t, engineering, fixture('assets-bad.csv'), '?partial=true');
      expect(response.statusCode).toBe(200);
      expect(response.json<AssetImportReport>()).toEqual(
        report({
          partial: true,
          rows: 9,
          created: 2,
          skipped: 7,
          errors: BAD_FILE_ERRORS as never,
          written: true,
        }),
      );
      const assets = await listAssets(t, admin);
      expect(assets).toHaveLength(countBefore + 2);
      const byKey = new Map(assets.map((asset) => [asset.key, asset]));
      expect(byKey.get('ok-1')?.name).toBe('Good asset one');
      expect(byKey.get('ok-2')).toMatchObject({
        purpose: 'Another\r\ntwo-line purpose',
        thirdPartyManaged: true,
        lastReviewedOn: '2026-01-31',
      });
      for (const key of ['bad-enum', 'missing-name', 'unknown-supplier', 'bad-bool', 'bad-date'])
        expect(byKey.has(key)).toBe(false);
    });
  });

  describe('a file that cannot be read', () => {
    let countBefore: number;
    let eventsBefore: number;
    beforeAll(async () => {
      countBefore = (await listAssets(t, admin)).length;
      eventsBefore = await auditEventCount(t, admin);
    });

    async function expectRefused(
      payload: Buffer | string,
      message: string | RegExp,
    ): Promise<ErrorBody['error']> {
      const response = await importCsv(t, engineering, payload);
      expect(response.statusCode).toBe(400);
      const error = response.json<ErrorBody>().error;
      expect(error.code).toBe('validation_failed');
      expect(error.message).toMatch(message);
      return error;
    }

    it('refuses a Latin-1 file as not UTF-8', async () => {
      const latin1 = fixture('assets-latin1.csv');
      expect(latin1.includes(Buffer.from([0xe9]))).toBe(true);
      expect(latin1.includes(Buffer.from('é', 'utf8'))).toBe(false);
      await expectRefused(latin1, /not UTF-8/);
    });

    it.each([
      ['an unknown column', `${REQUIRED_HEADER},colour\n`, 'unknown column(s): colour'],
      [
        'a missing required column',
        'key,name,category,environment,owner_role,data_classification\n',
        'missing required column(s): criticality',
      ],
      ['a repeated column', `${REQUIRED_HEADER},name\n`, 'column name appears twice'],
      [
        'a column without a name',
        `${REQUIRED_HEADER},\n`,
        'unknown column(s): (column 8 has no name)',
      ],
      ['an empty file', '', EMPTY_FILE],
      ['a file of blank lines', '\r\n\r\n', EMPTY_FILE],
    ])('refuses %s, naming line 1', async (_case, payload, message) => {
      const error = await expectRefused(payload, `Line 1: ${message}`);
      expect(error.issues).toEqual([{ path: 'line 1', message }]);
    });

    it('refuses an unclosed quote, naming the line where the quote opens', async () => {
      const csv = [
        REQUIRED_HEADER,
        'ok-a,Fine,server,production,engineering,low,internal',
        'bad-quote,"Never closed,server,production,engineering,low,internal',
        'ok-b,Fine too,server,production,engineering,low,internal',
        '',
      ].join('\n');
      const error = await expectRefused(
        csv,
        'Line 3: the file is not valid CSV: Quote Not Closed: the parsing is finished with an opening quote',
      );
      expect(error.issues?.[0]?.path).toBe('line 3');
    });

    it('refuses a row with more cells than the header, naming its line', async () => {
      const csv = `${REQUIRED_HEADER}\nextra,Extra,server,production,engineering,low,internal,surplus\n`;
      await expectRefused(
        csv,
        'Line 2: the file is not valid CSV: Invalid Record Length: expect 7, got 8',
      );
    });

    it('refuses more than 100,000 rows', async () => {
      const rows = Array.from(
        { length: 100_001 },
        (_, index) => `bulk-${index},Bulk ${index},server,production,engineering,low,internal`,
      );
      const error = await expectRefused(
        `${REQUIRED_HEADER}\n${rows.join('\n')}\n`,
        'The file has 100001 rows; the limit is 100000 per import',
      );
      expect(error.issues).toEqual([{ path: 'file', message: 'more than 100000 rows' }]);
    });

    it('answers 413, not 500, for a body over the 32 MB limit', async () => {
      const response = await importCsv(t, engineering, Buffer.alloc(32 * 1024 * 1024 + 1, 'a'));
      expect(response.statusCode).toBe(413);
      expect(response.json<ErrorBody>().error.code).toBe('payload_too_large');
    });

    it('wrote nothing for any of them', async () => {
      expect(await listAssets(t, admin)).toHaveLength(countBefore);
      expect(await auditEventCount(t, admin)).toBe(eventsBefore);
    });
  });

  it('accepts UTF-8 with a byte order mark', async () => {
    const response = await importCsv(t, engineering, fixture('assets-utf8-bom.csv'));
    expect(response.statusCode).toBe(200);
    expect(response.json<AssetImportReport>()).toMatchObject({ created: 1, written: true });
    const asset = await t.call(admin, 'GET', '/api/v1/assets/cafe-pos');
    expect(asset.json<AssetView>().name).toBe('Café till');
  });

  it.each(['viewer', 'auditor'] as const)('does not let a %s import', async (role) => {
    const token = await t.tokenFor(role);
    const response = await importCsv(t, token, fixture('assets-good.csv'), '?dryRun=true');
    expect(response.statusCode).toBe(403);
  });
});

describe('asset CSV export', () => {
  let t: TestApp;
  let admin: string;

  async function exportCsv(app: TestApp, token: string): Promise<string> {
    const response = await app.call(token, 'GET', '/api/v1/assets/export.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    return response.body;
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  describe('formula injection', () => {
    it('stores formula-like cells as plain text', async () => {
      const response = await importCsv(t, admin, fixture('assets-hostile.csv'));
      expect(response.statusCode).toBe(200);
      const asset = (await t.call(admin, 'GET', '/api/v1/assets/hostile-1')).json<AssetView>();
      expect(asset).toMatchObject({
        name: '=HYPERLINK("http://evil","x")',
        purpose: '+cmd',
        region: '-2+3',
        ownerPerson: '@SUM(1)',
        acceptanceCriteria: '=1+1',
      });
    });

    it('exports them with a leading apostrophe so no spreadsheet runs them', async () => {
      const csv = await exportCsv(t, admin);
      const [row] = parse<Record<string, string>>(csv, { columns: true });
      expect(row).toMatchObject({
        key: 'hostile-1',
        name: `'=HYPERLINK("http://evil","x")`,
        purpose: "'+cmd",
        region: "'-2+3",
        owner_person: "'@SUM(1)",
        acceptance_criteria: "'=1+1",
      });
      const cells = parse(csv).flat();
      expect(cells.filter((cell) => FORMULA_START.test(cell))).toEqual([]);
    });

    it('restores the original values when the export is imported again', async () => {
      const before = await listAssets(t, admin);
      const response = await importCsv(t, admin, await exportCsv(t, admin));
      expect(response.statusCode).toBe(200);
      expect(response.json<AssetImportReport>()).toEqual(report({ rows: 1, unchanged: 1 }));
      expect(await listAssets(t, admin)).toEqual(before);
    });
  });

  describe('round trip of a realistic register', () => {
    const suppliers = ['aws', 'hetzner', 'microsoft'];

    beforeAll(async () => {
      await createSuppliers(t, admin, suppliers);
      const assets: Record<string, unknown>[] = [
        {
          key: 'db-prod-eu',
          name: 'Production database (EU)',
          category: 'database',
          purpose: 'Orders, invoices, "golden" records;\nreplicated to Frankfurt',
          supplierKey: 'aws',
          thirdPartyManaged: true,
          environment: 'production',
          configurationReference: 'infra/rds/prod.tf@v4.2',
          ownerRole: 'engineering',
          ownerPerson: 'dba@example.test',
          criticality: 'critical',
          criticalityRationale: 'Every customer record, GxP relevant',
          dataClassification: 'confidential',
          region: 'eu-central-1',
          lifecycleStatus: 'in-service',
          tags: ['pii', 'gxp', 'eu'],
          acceptanceCriteria: 'PITR restore < 1 h, RPO 5 min',
          lastReviewedOn: '2026-02-28',
          nextReviewDueOn: '2026-05-28',
        },
        {
          key: 'build-server',
          name: 'Build server — Zürich',
          category: 'server',
          supplierKey: 'hetzner',
          environment: 'development',
          ownerRole: 'engineering',
          criticality: 'medium',
          dataClassification: 'internal',
          lifecycleStatus: 'provisioning',
          tags: ['ci'],
        },
        {
          key: 'office-365',
          name: 'Microsoft 365',
          category: 'saas',
          purpose: "'=not a formula, typed with an apostrophe",
          supplierKey: 'microsoft',
          thirdPartyManaged: true,
          environment: 'corporate',
          ownerRole: 'security',
          criticality: 'high',
          criticalityRationale: '-1 point if it is down: e-mail stops',
          dataClassification: 'confidential',
          region: '@EU data boundary',
        },
        {
          key: 'badge-reader',
          name: 'Badge reader, main entrance',
          category: 'equipment',
          environment: 'corporate',
          ownerRole: 'quality',
          criticality: 'low',
          dataClassification: 'public',
          lifecycleStatus: 'decommissioned',
          acceptanceCriteria: '+ opens for valid badges only',
        },
      ];
      for (const asset of assets) {
        const response = await t.call(admin, 'POST', '/api/v1/assets', asset);
        expect(response.statusCode).toBe(201);
      }
    });

    it('imports its own export with no change', async () => {
      const before = await listAssets(t, admin);
      const eventsBefore = await auditEventCount(t, admin);
      const response = await importCsv(t, admin, await exportCsv(t, admin));
      expect(response.statusCode).toBe(200);
      expect(response.json<AssetImportReport>()).toEqual(
        report({ rows: before.length, unchanged: before.length }),
      );
      expect(await listAssets(t, admin)).toEqual(before);
      expect(await auditEventCount(t, admin)).toBe(eventsBefore);
    });

    it('rebuilds the same register in an empty installation', async () => {
      const fresh = await createTestApp();
      try {
        const freshAdmin = await fresh.tokenFor('admin');
        await createSuppliers(fresh, freshAdmin, suppliers);
        const original = await listAssets(t, admin);
        const response = await importCsv(fresh, freshAdmin, await exportCsv(t, admin));
        expect(response.statusCode).toBe(200);
        expect(response.json<AssetImportReport>()).toMatchObject({
          created: original.length,
          written: true,
        });
        const record = ({ id: _id, createdAt: _c, updatedAt: _u, ...rest }: AssetView) => rest;
        expect((await listAssets(fresh, freshAdmin)).map(record)).toEqual(original.map(record));
      } finally {
        await fresh.close();
      }
    });
  });
});
