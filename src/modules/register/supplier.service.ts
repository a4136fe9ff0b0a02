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
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import { dateInZone } from '../../platform/time/zoned-time.js';
import type { SupplierInput, SupplierPatch, SupplierView } from './supplier.schema.js';
import { supplierRepository, type SupplierWithCount } from './supplier.repository.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

function toView(row: SupplierWithCount, today: string): SupplierView {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    services: row.services,
    contractReference: row.contract_reference,
    escalationContact: row.escalation_contact,
    certifications: row.certifications.map((c) => ({
      ...c,
      expired: c.expiresOn !== null && c.expiresOn < today,
    })),
    notes: row.notes,
    assetCount: Number(row.asset_count ?? 0),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const auditView = ({ assetCount: _count, ...rest }: SupplierView) => ({
  ...rest,
  certifications: rest.certifications.map(({ name, expiresOn }) => ({ name, expiresOn })),
});

const supplierCursor = z.tuple([z.string(), z.string()]);

/** Suppliers by name, a page at a time. */
export async function listSuppliers(ctx: Ctx, query: PageQuery): Promise<Page<SupplierView>> {
  const today = dateInZone(ctx.clock.now(), ctx.config.timezone);
  const rows = await supplierRepository.page(ctx.db, {
    ...(query.cursor ? { after: decodeCursor(query.cursor, supplierCursor) } : {}),
    limit: query.limit + 1,
  });
  return pageFromRows(
    rows,
    query.limit,
    (row) => [row.name, row.key],
    (row) => toView(row, today),
  );
}

/** Every supplier, page after page: for use cases that read the whole register. */
export function listAllSuppliers(ctx: Ctx): Promise<SupplierView[]> {
  return readAllPages((cursor) =>
    listSuppliers(ctx, { limit: MAX_PAGE_LIMIT, ...(cursor ? { cursor } : {}) }),
  );
}

export async function getSupplier(ctx: Ctx, key: string): Promise<SupplierView> {
  const row = await supplierRepository.findByKey(ctx.db, key);
  if (!row) throw notFound(`Supplier ${key}`);
  return toView(row, dateInZone(ctx.clock.now(), ctx.config.timezone));
}

/** Adds a third party to the register. */
export async function createSupplier(
  ctx: Ctx,
  actor: Actor,
  input: SupplierInput,
): Promise<SupplierView> {
  return mutate(ctx, actor, async (tx) => {
    if (await supplierRepository.findByKey(tx.trx, input.key)) {
      throw new AppError('conflict', `Supplier ${input.key} already exists`, {
        issues: [{ path: 'body.key', message: 'is already used' }],
      });
    }
    await supplierRepository.insert(tx.trx, input, tx.now);
    const view = toView(
      (await supplierRepository.findByKey(tx.trx, input.key))!,
      dateInZone(tx.now, ctx.config.timezone),
    );
    await tx.audit({
      action: 'supplier.created',
      entityType: 'supplier',
      entityId: view.id,
      after: auditView(view),
    });
    return view;
  });
}

/** Changes a supplier's details. */
export async function updateSupplier(
  ctx: Ctx,
  actor: Actor,
  key: string,
  patch: SupplierPatch,
): Promise<SupplierView> {
  return mutate(ctx, actor, (tx) => updateSupplierInTransaction(ctx, tx, key, patch));
}

/**
 * Changes a supplier's details inside the caller's transaction, with its `supplier.updated` audit
 * entry, so that what caused the change (a renewed certificate recorded by supplier oversight)
 * commits with it.
 */
export async function updateSupplierInTransaction(
  ctx: Pick<AppContext, 'config'>,
  tx: AuditedTransaction,
  key: string,
  patch: SupplierPatch,
): Promise<SupplierView> {
  const existing = await supplierRepository.findByKey(tx.trx, key);
  if (!existing) throw notFound(`Supplier ${key}`);
  const today = dateInZone(tx.now, ctx.config.timezone);
  const before = toView(existing, today);
  await supplierRepository.update(tx.trx, existing.id, { ...auditView(before), ...patch }, tx.now);
  const after = toView((await supplierRepository.findByKey(tx.trx, key))!, today);
  await tx.audit({
    action: 'supplier.updated',
    entityType: 'supplier',
    entityId: existing.id,
    before: auditView(before),
    after: auditView(after),
  });
  return after;
}
