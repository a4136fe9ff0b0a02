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
import type { ProcessInput, ProcessPatch, ProcessView } from './process.schema.js';
import { processRepository, type ProcessWithCount } from './process.repository.js';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

function toView(row: ProcessWithCount): ProcessView {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    ownerRole: row.owner_role as ProcessView['ownerRole'],
    affectsConformity: row.affects_conformity,
    assetCount: Number(row.asset_count ?? 0),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
const auditView = ({ assetCount: _n, createdAt: _c, updatedAt: _u, ...rest }: ProcessView) => rest;

const processCursor = z.tuple([z.string(), z.string()]);

/** Processes by name, a page at a time. */
export async function listProcesses(
  ctx: Pick<AppContext, 'db'>,
  query: PageQuery,
): Promise<Page<ProcessView>> {
  const rows = await processRepository.page(ctx.db, {
    after: query.cursor ? decodeCursor(query.cursor, processCursor) : undefined,
    limit: query.limit + 1,
  });
  return pageFromRows(rows, query.limit, (row) => [row.name, row.key], toView);
}

/** Every process, page after page: for use cases that read the whole process map. */
export function listAllProcesses(ctx: Pick<AppContext, 'db'>): Promise<ProcessView[]> {
  return readAllPages((cursor) =>
    listProcesses(ctx, { limit: MAX_PAGE_LIMIT, ...(cursor ? { cursor } : {}) }),
  );
}

export async function getProcess(ctx: Pick<AppContext, 'db'>, key: string): Promise<ProcessView> {
  const row = await processRepository.findByKey(ctx.db, key);
  if (!row) throw notFound(`Process ${key}`);
  return toView(row);
}

/** Adds a process from the organisation's process map. */
export async function createProcess(
  ctx: Ctx,
  actor: Actor,
  input: ProcessInput,
): Promise<ProcessView> {
  return mutate(ctx, actor, async (tx) => {
    if (await processRepository.findByKey(tx.trx, input.key)) {
      throw new AppError('conflict', `Process ${input.key} already exists`, {
        issues: [{ path: 'body.key', message: 'is already used' }],
      });
    }
    await processRepository.insert(tx.trx, input, tx.now);
    const view = toView((await processRepository.findByKey(tx.trx, input.key))!);
    await tx.audit({
      action: 'process.created',
      entityType: 'process',
      entityId: view.id,
      after: auditView(view),
    });
    return view;
  });
}

export async function updateProcess(
  ctx: Ctx,
  actor: Actor,
  key: string,
  patch: ProcessPatch,
): Promise<ProcessView> {
  return mutate(ctx, actor, async (tx) => {
    const existing = await processRepository.findByKey(tx.trx, key);
    if (!existing) throw notFound(`Process ${key}`);
    const before = toView(existing);
    await processRepository.update(tx.trx, existing.id, { ...before, ...patch }, tx.now);
    const after = toView((await processRepository.findByKey(tx.trx, key))!);
    await tx.audit({
      action: 'process.updated',
      entityType: 'process',
      entityId: existing.id,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}
