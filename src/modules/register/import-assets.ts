import type { Transaction } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/audit/actor.js';
import type { AuditEntry } from '../../platform/audit/append-audit-event.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import {
  type AssetCsvColumn,
  COLUMN_BY_FIELD,
  CsvFormatError,
  parseAssetCsv,
  type CsvRecord,
} from './asset-csv.js';
import { assetAuditView } from './asset-audit.js';
import { assetInputSchema, type AssetInput } from './asset.schema.js';
import {
  assetColumns,
  assetRepository,
  toAssetView,
  type AssetWithSupplier,
} from './asset.repository.js';
import {
  decideLifecycleChange,
  insertPreExistingMarks,
  lifecycleFactsOf,
  preExistingReasonOf,
  type LifecycleStatus,
} from './lifecycle-gate.js';
import { supplierRepository } from './supplier.repository.js';

/** Above this, split the file: it keeps one import inside one reasonable transaction. */
export const MAX_IMPORT_ROWS = 100_000;
const CHUNK = 1000;

export interface ImportRowError {
  line: number;
  column: string | null;
  message: string;
}

export interface AssetImportReport {
  dryRun: boolean;
  partial: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: ImportRowError[];
  written: boolean;
}

export interface AssetImportOptions {
  /** Validate and report, write nothing. */
  dryRun: boolean;
  /** Import the valid rows even when others are bad (the bad ones are reported and skipped). */
  partial: boolean;
}

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  yes: true,
  '1': true,
  false: false,
  no: false,
  '0': false,
  '': false,
};

function decodeUtf8(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new AppError(
      'validation_failed',
      'The file is not UTF-8 text; save it as "CSV UTF-8" and try again',
      {
        issues: [{ path: 'file', message: 'is not valid UTF-8' }],
      },
    );
  }
}

/** Turns the text cells of one CSV line into an asset input, or the errors that line has. */
function toAssetInput(record: CsvRecord): { input?: AssetInput; errors: ImportRowError[] } {
  const cell = (column: AssetCsvColumn) => record.cells[column] ?? '';
  const errors: ImportRowError[] = [];
  const thirdParty = BOOLEAN_WORDS[cell('third_party_managed').toLowerCase()];
  if (thirdParty === undefined) {
    errors.push({
      line: record.line,
      column: 'third_party_managed',
      message: 'must be true or false',
    });
  }
  const candidate = {
    key: cell('key'),
    name: cell('name'),
    category: cell('category'),
    purpose: cell('purpose'),
    supplierKey: cell('supplier') || null,
    thirdPartyManaged: thirdParty ?? false,
    environment: cell('environment'),
    configurationReference: cell('configuration_reference'),
    ownerRole: cell('owner_role'),
    ownerPerson: cell('owner_person'),
    criticality: cell('criticality'),
    criticalityRationale: cell('criticality_rationale'),
    dataClassification: cell('data_classification'),
    region: cell('region'),
    lifecycleStatus: cell('lifecycle_status') || undefined,
    tags: cell('tags')
      .split(/[;|]/)
      .map((tag) => tag.trim())
      .filter(Boolean),
    acceptanceCriteria: cell('acceptance_criteria'),
    lastReviewedOn: cell('last_reviewed_on') || null,
    nextReviewDueOn: cell('next_review_due_on') || null,
  };
  const parsed = assetInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof AssetInput | undefined;
      errors.push({
        line: record.line,
        column: field ? COLUMN_BY_FIELD[field] : null,
        message: issue.message,
      });
    }
  }
  return parsed.success && errors.length === 0 ? { input: parsed.data, errors } : { errors };
}

function sameRecord(existing: AssetWithSupplier, input: AssetInput): boolean {
  const { id: _id, version: _version, ...current } = assetAuditView(toAssetView(existing));
  return JSON.stringify(current) === JSON.stringify({ ...current, ...input });
}

/**
 * The file was compared with the register before the write transaction began. If someone created
 * or changed one of the same assets in between, writing now would overwrite their change with a
 * stale "before" in the audit trail: refuse instead, and let the user run the import again.
 */
async function assertUnchangedSinceAnalysis(
  trx: Transaction<Database>,
  toCreate: { input: AssetInput }[],
  toUpdate: { input: AssetInput }[],
  existingByKey: Map<string, AssetWithSupplier>,
): Promise<void> {
  const keys = [...toCreate, ...toUpdate].map((row) => row.input.key);
  for (let index = 0; index < keys.length; index += CHUNK) {
    const current = await trx
      .selectFrom('assets')
      .select(['key', 'version'])
      .where('key', 'in', keys.slice(index, index + CHUNK))
      .forUpdate()
      .execute();
    for (const row of current) {
      if (existingByKey.get(row.key)?.version !== row.version) {
        throw new AppError(
          'conflict',
          `Asset ${row.key} was created or changed while the file was being checked; run the import again`,
        );
      }
    }
  }
}

/**
 * The changed rows whose lifecycle move the gate allows (lifecycle-gate.ts); each refused one is an
 * error on its line, in the lifecycle_status column.
 */
async function withoutRefusedLifecycleMoves(
  db: AppContext['db'],
  changed: { line: number; input: AssetInput }[],
  existingByKey: Map<string, AssetWithSupplier>,
  errors: ImportRowError[],
): Promise<{ line: number; input: AssetInput }[]> {
  const moving = changed.filter(
    (row) => existingByKey.get(row.input.key)!.lifecycle_status !== row.input.lifecycleStatus,
  );
  const facts = await lifecycleFactsOf(
    db,
    moving.map((row) => existingByKey.get(row.input.key)!.id),
  );
  const refused = new Set<number>();
  for (const row of moving) {
    const existing = existingByKey.get(row.input.key)!;
    const decision = decideLifecycleChange(
      existing.lifecycle_status as LifecycleStatus,
      row.input.lifecycleStatus,
      facts.get(existing.id)!,
    );
    if (decision.ok) continue;
    refused.add(row.line);
    errors.push({ line: row.line, column: 'lifecycle_status', message: decision.reason });
  }
  return changed.filter((row) => !refused.has(row.line));
}

/**
 * Imports assets from CSV, upserting by key. Every line is checked first; unless `partial` is
 * asked for, a single bad line means nothing is written. One transaction, one audit entry per
 * created or changed asset plus a summary entry.
 */
export async function importAssetsCsv(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  content: Buffer,
  options: AssetImportOptions,
): Promise<AssetImportReport> {
  const text = decodeUtf8(content);
  let records: CsvRecord[];
  try {
    records = parseAssetCsv(text);
  } catch (error) {
    if (!(error instanceof CsvFormatError)) throw error;
    throw new AppError('validation_failed', `Line ${error.line}: ${error.message}`, {
      issues: [{ path: `line ${error.line}`, message: error.message }],
    });
  }
  if (records.length > MAX_IMPORT_ROWS) {
    throw new AppError(
      'validation_failed',
      `The file has ${records.length} rows; the limit is ${MAX_IMPORT_ROWS} per import`,
      {
        issues: [{ path: 'file', message: `more than ${MAX_IMPORT_ROWS} rows` }],
      },
    );
  }

  const errors: ImportRowError[] = [];
  const valid: { line: number; input: AssetInput }[] = [];
  const firstLineByKey = new Map<string, number>();
  for (const record of records) {
    const result = toAssetInput(record);
    errors.push(...result.errors);
    if (!result.input) continue;
    const seen = firstLineByKey.get(result.input.key);
    if (seen !== undefined) {
      errors.push({ line: record.line, column: 'key', message: `duplicate of line ${seen}` });
      continue;
    }
    firstLineByKey.set(result.input.key, record.line);
    valid.push({ line: record.line, input: result.input });
  }

  const supplierKeys = [
    ...new Set(valid.map((row) => row.input.supplierKey).filter((k): k is string => k !== null)),
  ];
  const supplierIds = await supplierRepository.idsByKeys(ctx.db, supplierKeys);
  const resolvable = valid.filter((row) => {
    if (row.input.supplierKey === null || supplierIds.has(row.input.supplierKey)) return true;
    errors.push({
      line: row.line,
      column: 'supplier',
      message: `no supplier with key ${row.input.supplierKey}`,
    });
    return false;
  });

  const existingByKey = new Map<string, AssetWithSupplier>();
  for (let index = 0; index < resolvable.length; index += CHUNK) {
    const keys = resolvable.slice(index, index + CHUNK).map((row) => row.input.key);
    for (const row of await assetRepository.findByKeys(ctx.db, keys))
      existingByKey.set(row.key, row);
  }
  const toCreate = resolvable.filter((row) => !existingByKey.has(row.input.key));
  const changed = resolvable.filter((row) => {
    const existing = existingByKey.get(row.input.key);
    return existing !== undefined && !sameRecord(existing, row.input);
  });
  const toUpdate = await withoutRefusedLifecycleMoves(ctx.db, changed, existingByKey, errors);
  const unchanged = resolvable.length - toCreate.length - changed.length;

  errors.sort((a, b) => a.line - b.line);
  const invalidLines = new Set(errors.map((e) => e.line)).size;
  const report: AssetImportReport = {
    dryRun: options.dryRun,
    partial: options.partial,
    rows: records.length,
    created: toCreate.length,
    updated: toUpdate.length,
    unchanged,
    skipped: invalidLines,
    errors,
    written: false,
  };
  const blocked = errors.length > 0 && !options.partial;
  if (options.dryRun || blocked || toCreate.length + toUpdate.length === 0) return report;

  await mutate(ctx, actor, async (tx) => {
    await assertUnchangedSinceAnalysis(tx.trx, toCreate, toUpdate, existingByKey);
    const entries: AuditEntry[] = [];
    const supplierOf = (input: AssetInput) =>
      input.supplierKey === null ? null : supplierIds.get(input.supplierKey)!;
    for (let index = 0; index < toCreate.length; index += CHUNK) {
      const chunk = toCreate.slice(index, index + CHUNK);
      const inserted = await tx.trx
        .insertInto('assets')
        .values(
          chunk.map(({ input }) => ({
            key: input.key,
            ...assetColumns(input, supplierOf(input)),
            created_at: tx.now,
            updated_at: tx.now,
          })),
        )
        .returning(['id', 'key'])
        .execute();
      const idByKey = new Map(inserted.map((row) => [row.key, row.id]));
      const preExisting = new Map(
        chunk.map(({ input }) => [
          input.key,
          preExistingReasonOf(input.lifecycleStatus, 'Imported from CSV'),
        ]),
      );
      await insertPreExistingMarks(
        tx,
        chunk.map(({ input }) => ({
          assetId: idByKey.get(input.key)!,
          reason: preExisting.get(input.key)!,
        })),
      );
      for (const { input } of chunk) {
        entries.push({
          action: 'asset.created',
          entityType: 'asset',
          entityId: idByKey.get(input.key)!,
          after: {
            id: idByKey.get(input.key),
            ...input,
            version: 1,
            preExisting: preExisting.get(input.key),
          },
        });
      }
    }
    for (let index = 0; index < toUpdate.length; index += CHUNK) {
      const chunk = toUpdate.slice(index, index + CHUNK);
      // One upsert per chunk instead of one UPDATE per row: every key exists (checked and
      // locked above), so each row takes the update branch.
      await assetRepository.updateManyByKey(
        tx.trx,
        chunk.map(({ input }) => ({ key: input.key, ...assetColumns(input, supplierOf(input)) })),
        tx.now,
      );
      for (const { input } of chunk) {
        const existing = existingByKey.get(input.key)!;
        const before = assetAuditView(toAssetView(existing));
        entries.push({
          action: 'asset.updated',
          entityType: 'asset',
          entityId: existing.id,
          before,
          after: { ...before, ...input, version: existing.version + 1 },
        });
      }
    }
    entries.push({
      action: 'assets.imported',
      entityType: 'asset_import',
      entityId: tx.now.toISOString(),
      after: {
        rows: report.rows,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        skipped: report.skipped,
      },
    });
    await tx.auditMany(entries);
  });
  return { ...report, written: true };
}
