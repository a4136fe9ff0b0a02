import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/platform/config.js';
import { openBenchTarget } from './bench-database.js';
import { startPlumbline, type RunningPlumbline } from '../src/app/start.js';
import { createApiToken } from '../src/modules/identity/api-token.service.js';
import { listAssets } from '../src/modules/register/asset-queries.js';
import { ASSET_CSV_COLUMNS, type AssetCsvColumn } from '../src/modules/register/asset-csv.js';
import {
  ASSET_CATEGORIES,
  CRITICALITIES,
  ENVIRONMENTS,
  OWNER_ROLES,
} from '../src/modules/register/asset.schema.js';
import { toCsv } from '../src/platform/csv/csv.js';
import { importAssetsCsv } from '../src/modules/register/import-assets.js';
import { createSupplier } from '../src/modules/register/supplier.service.js';
import { systemActor } from '../src/platform/audit/actor.js';
import { verifyAuditChain } from '../src/platform/audit/verify-audit-chain.js';

import type { BenchDatabase } from './harness.js';

export type { BenchDatabase };

export interface Measurement {
  database: BenchDatabase;
  step: string;
  /** How many rows (or audit events, for the chain check) the step handled. */
  rows: number;
  unit: 'rows' | 'events';
  seconds: number;
}

export const SUPPLIER_COUNT = 25;

/** A deterministic generator, so every run imports the same file. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** `count` asset rows in the documented import format, a quarter without a supplier. */
export function generateAssetCsv(count: number, revision = 1): string {
  const random = seededRandom(42);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const rows: Record<AssetCsvColumn, string>[] = [];
  for (let index = 0; index < count; index += 1) {
    const category = pick(ASSET_CATEGORIES);
    const environment = pick(ENVIRONMENTS);
    const criticality = pick(CRITICALITIES);
    const ownerRole = pick(OWNER_ROLES);
    const supplier = random() < 0.25 ? '' : `supplier-${Math.floor(random() * SUPPLIER_COUNT)}`;
    const key = `${category}-${environment}-${String(index).padStart(5, '0')}`;
    rows.push({
      key,
      name: `${category} ${index} (${environment})`,
      category,
      purpose: `Generated ${category} number ${index} for the import benchmark, revision ${revision}.`,
      supplier,
      third_party_managed: supplier ? 'true' : 'false',
      environment,
      configuration_reference: `infra/terraform/${environment}/${category}.tf@v${revision}.${index % 10}`,
      owner_role: ownerRole,
      owner_person: `${ownerRole}${index % 40}@bench.example`,
      criticality,
      criticality_rationale:
        criticality === 'critical' || criticality === 'high'
          ? `Rated ${criticality}: serves ${1 + (index % 9)} production processes.`
          : '',
      data_classification: pick(['confidential', 'internal', 'public'] as const),
      region: pick(['eu-central', 'eu-west', 'us-east', 'Berlin, DE']),
      lifecycle_status: random() < 0.95 ? 'in-service' : 'decommissioned',
      tags: [
        `tier:${1 + (index % 3)}`,
        pick(['soc2', 'iso13485', 'patient-data', 'internal']),
      ].join(';'),
      acceptance_criteria: 'Monitored; patched monthly; restore tested quarterly.',
      last_reviewed_on: '2026-09-15',
      next_review_due_on: '2026-12-15',
    });
  }
  return toCsv(ASSET_CSV_COLUMNS, rows);
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
}

/**
 * Imports `rows` generated assets into an empty register and reads them back, through the use
 * cases and through the HTTP API (inject), reporting each step as it finishes.
 */
export async function benchRegisterImport(options: {
  kind: BenchDatabase;
  rows: number;
  postgresUrl?: string;
  report: (measurement: Measurement) => void;
}): Promise<void> {
  const { kind, rows } = options;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-bench-'));
  const target = await openBenchTarget(kind, dataDir, options.postgresUrl);
  let running: RunningPlumbline | undefined;
  const record = (
    step: string,
    count: number,
    seconds: number,
    unit: Measurement['unit'] = 'rows',
  ) => options.report({ database: kind, step, rows: count, unit, seconds });
  try {
    running = await startPlumbline({
      config: loadConfig({
        PLUMBLINE_DATA_DIR: dataDir,
        PLUMBLINE_LOG_LEVEL: 'silent',
        PLUMBLINE_SCHEDULER: 'false',
      }),
      database: target.database,
      webRoot: '',
    });
    const { app, ctx } = running;
    for (let index = 0; index < SUPPLIER_COUNT; index += 1) {
      await createSupplier(ctx, systemActor, {
        key: `supplier-${index}`,
        name: `Supplier ${index}`,
        services: 'Generated for the benchmark',
        contractReference: '',
        escalationContact: '',
        certifications: [],
        notes: '',
      });
    }
    const { token } = await createApiToken(ctx, systemActor, { name: 'bench', role: 'admin' });
    const authorization = `Bearer ${token}`;
    const csv = Buffer.from(generateAssetCsv(rows));

    const dryRun = await timed(() =>
      importAssetsCsv(ctx, systemActor, csv, { dryRun: true, partial: false }),
    );
    record('dry-run', dryRun.result.rows, dryRun.seconds);

    const imported = await timed(() =>
      importAssetsCsv(ctx, systemActor, csv, { dryRun: false, partial: false }),
    );
    if (imported.result.created !== rows || imported.result.errors.length > 0) {
      throw new Error(`import went wrong: ${JSON.stringify(imported.result).slice(0, 500)}`);
    }
    record('import', imported.result.created, imported.seconds);

    const unchanged = await timed(() =>
      importAssetsCsv(ctx, systemActor, csv, { dryRun: false, partial: false }),
    );
    record('re-import unchanged', unchanged.result.unchanged, unchanged.seconds);

    const revised = generateAssetCsv(rows, 2);
    const updated = await timed(() =>
      app.inject({
        method: 'POST',
        url: '/api/v1/assets/import',
        headers: { authorization, 'content-type': 'text/csv' },
        payload: revised,
      }),
    );
    const updateReport = updated.result.json<{ updated: number }>();
    if (updated.result.statusCode !== 200) {
      throw new Error(`HTTP import failed: ${updated.result.body.slice(0, 500)}`);
    }
    record('HTTP import updating', updateReport.updated, updated.seconds);

    const listed = await timed(() => listAssets(ctx, { limit: 10_000, offset: 0 }));
    record('list (use case)', listed.result.items.length, listed.seconds);

    const listedHttp = await timed(() =>
      app.inject({ method: 'GET', url: '/api/v1/assets?limit=10000', headers: { authorization } }),
    );
    record(
      'GET /api/v1/assets?limit=10000',
      listedHttp.result.json<{ items: unknown[] }>().items.length,
      listedHttp.seconds,
    );

    const exported = await timed(() =>
      app.inject({ method: 'GET', url: '/api/v1/assets/export.csv', headers: { authorization } }),
    );
    record(
      'GET /api/v1/assets/export.csv',
      exported.result.body.split('\n').length - 2,
      exported.seconds,
    );

    const verified = await timed(() => verifyAuditChain(ctx.db));
    record('audit verify', verified.result.eventCount, verified.seconds, 'events');
  } finally {
    if (running) await running.close();
    else await target.database.close();
    await target.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
