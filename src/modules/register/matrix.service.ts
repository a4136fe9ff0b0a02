import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import {
  decodeCursor,
  MAX_PAGE_LIMIT,
  pageFromRows,
  readAllPages,
  type Page,
  type PageQuery,
} from '../../platform/http/paging.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import { toCsv } from '../../platform/csv/csv.js';
import { assetRepository } from './asset.repository.js';
import type { MatrixRowInput, MatrixRowPatch, MatrixRowView } from './process.schema.js';
import { processRepository, type MatrixJoinedRow } from './process.repository.js';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

function toView(row: MatrixJoinedRow): MatrixRowView {
  return {
    id: row.id,
    processKey: row.process_key,
    processName: row.process_name,
    processOwnerRole: row.process_owner_role,
    affectsConformity: row.affects_conformity,
    assetKey: row.asset_key,
    assetName: row.asset_name,
    assetCategory: row.asset_category,
    assetCriticality: row.asset_criticality,
    assetOwnerRole: row.asset_owner_role,
    thirdPartyManaged: row.third_party_managed,
    conformityImpact: row.conformity_impact,
    controlMethod: row.control_method,
    evidenceLocation: row.evidence_location,
  };
}

const auditView = (view: MatrixRowView) => ({
  processKey: view.processKey,
  assetKey: view.assetKey,
  conformityImpact: view.conformityImpact,
  controlMethod: view.controlMethod,
  evidenceLocation: view.evidenceLocation,
});

type MatrixFilter = { process?: string | undefined; asset?: string | undefined };

const matrixCursor = z.tuple([z.string(), z.string(), z.string()]);

/** The matrix, whole or seen from one process or one asset, a page at a time. */
export async function listMatrix(
  ctx: Pick<AppContext, 'db'>,
  query: MatrixFilter & PageQuery,
): Promise<Page<MatrixRowView>> {
  const rows = await processRepository.matrix(ctx.db, {
    processKey: query.process,
    assetKey: query.asset,
    after: query.cursor ? decodeCursor(query.cursor, matrixCursor) : undefined,
    limit: query.limit + 1,
  });
  return pageFromRows(
    rows,
    query.limit,
    (row) => [row.process_name, row.process_key, row.asset_key],
    toView,
  );
}

/** Every row of the matrix (or of one process or asset), page after page. */
export function listWholeMatrix(
  ctx: Pick<AppContext, 'db'>,
  filter: MatrixFilter,
): Promise<MatrixRowView[]> {
  return readAllPages((cursor) =>
    listMatrix(ctx, { ...filter, limit: MAX_PAGE_LIMIT, ...(cursor ? { cursor } : {}) }),
  );
}

/** Records that a process depends on an asset, with why it matters and how it is controlled. */
export async function linkAssetToProcess(
  ctx: Ctx,
  actor: Actor,
  input: MatrixRowInput,
): Promise<MatrixRowView> {
  return mutate(ctx, actor, async (tx) => {
    const process = await processRepository.findByKey(tx.trx, input.processKey);
    const asset = await assetRepository.findByKey(tx.trx, input.assetKey);
    const issues = [
      ...(process
        ? []
        : [{ path: 'body.processKey', message: `no process with key ${input.processKey}` }]),
      ...(asset ? [] : [{ path: 'body.assetKey', message: `no asset with key ${input.assetKey}` }]),
    ];
    if (!process || !asset)
      throw new AppError('validation_failed', 'Unknown process or asset', { issues });
    if (await processRepository.findMatrixRow(tx.trx, process.id, asset.id)) {
      throw new AppError(
        'conflict',
        `${input.processKey} already depends on ${input.assetKey}; edit that row instead`,
      );
    }
    const { id } = await processRepository.insertMatrixRow(
      tx.trx,
      process.id,
      asset.id,
      input,
      tx.now,
    );
    const view = toView((await processRepository.matrix(tx.trx, { id }))[0]!);
    await tx.audit({
      action: 'matrix_row.created',
      entityType: 'matrix_row',
      entityId: id,
      after: auditView(view),
    });
    return view;
  });
}

export async function updateMatrixRow(
  ctx: Ctx,
  actor: Actor,
  id: string,
  patch: MatrixRowPatch,
): Promise<MatrixRowView> {
  return mutate(ctx, actor, async (tx) => {
    const existing = (await processRepository.matrix(tx.trx, { id }))[0];
    if (!existing) throw notFound('Matrix row');
    const before = toView(existing);
    await processRepository.updateMatrixRow(tx.trx, id, { ...before, ...patch }, tx.now);
    const after = toView((await processRepository.matrix(tx.trx, { id }))[0]!);
    await tx.audit({
      action: 'matrix_row.updated',
      entityType: 'matrix_row',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

export async function unlinkMatrixRow(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  await mutate(ctx, actor, async (tx) => {
    const existing = (await processRepository.matrix(tx.trx, { id }))[0];
    if (!existing) throw notFound('Matrix row');
    await processRepository.deleteMatrixRow(tx.trx, id);
    await tx.audit({
      action: 'matrix_row.deleted',
      entityType: 'matrix_row',
      entityId: id,
      before: auditView(toView(existing)),
    });
  });
}

export const MATRIX_CSV_COLUMNS = [
  'process_key',
  'process_name',
  'process_owner_role',
  'affects_conformity',
  'asset_key',
  'asset_name',
  'asset_criticality',
  'third_party_managed',
  'conformity_impact',
  'control_method',
  'evidence_location',
] as const;

/** The matrix as CSV, the table auditors expect to see. */
export async function exportMatrixCsv(ctx: Pick<AppContext, 'db'>): Promise<string> {
  const rows = await listWholeMatrix(ctx, {});
  return toCsv(
    MATRIX_CSV_COLUMNS,
    rows.map((row) => ({
      process_key: row.processKey,
      process_name: row.processName,
      process_owner_role: row.processOwnerRole,
      affects_conformity: row.affectsConformity ? 'true' : 'false',
      asset_key: row.assetKey,
      asset_name: row.assetName,
      asset_criticality: row.assetCriticality,
      third_party_managed: row.thirdPartyManaged ? 'true' : 'false',
      conformity_impact: row.conformityImpact,
      control_method: row.controlMethod,
      evidence_location: row.evidenceLocation,
    })),
  );
}
