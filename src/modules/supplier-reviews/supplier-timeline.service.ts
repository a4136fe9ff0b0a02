import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../platform/db/schema.js';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import {
  cursorInstant,
  decodeCursor,
  pageFromRows,
  type Page,
  type PageQuery,
} from '../../platform/http/paging.js';
import { listAttachments } from '../attachments/list-attachments.js';
import { getIncident } from '../incidents/incident.service.js';
import { getSupplier } from '../register/supplier.service.js';
import { supplierReviewRepository, type SupplierEventRow } from './supplier-review.repository.js';
import {
  SUPPLIER_EVENT_RECORD,
  type AddSupplierEventBody,
  type SupplierEventKind,
  type SupplierEventView,
} from './supplier-review.schema.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

const eventCursor = z.tuple([cursorInstant.transform((at) => at.toISOString()), z.uuid()]);

/**
 * A supplier's timeline, newest first: service reports, incidents, renewed certificates and signed
 * reviews, each with its files, a page at a time.
 */
export async function listSupplierEvents(
  ctx: Ctx,
  supplierKey: string,
  query: PageQuery,
): Promise<Page<SupplierEventView>> {
  const supplier = await getSupplier(ctx, supplierKey);
  const rows = await supplierReviewRepository.events(ctx.db, {
    supplierId: supplier.id,
    ...(query.cursor ? { after: decodeCursor(query.cursor, eventCursor) } : {}),
    limit: query.limit + 1,
  });
  const page = pageFromRows(
    rows,
    query.limit,
    (row) => [row.at.toISOString(), row.id],
    (row) => row,
  );
  return {
    items: await Promise.all(page.items.map((row) => toEventView(ctx.db, row))),
    nextCursor: page.nextCursor,
  };
}

async function toEventView(
  db: Kysely<Database> | Transaction<Database>,
  row: SupplierEventRow,
): Promise<SupplierEventView> {
  return {
    id: row.id,
    kind: row.kind as SupplierEventKind,
    at: row.at.toISOString(),
    title: row.title,
    detail: row.detail,
    incidentId: row.incident_id,
    reviewId: row.review_id,
    evidence: await listAttachments(db, SUPPLIER_EVENT_RECORD, row.id),
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at.toISOString(),
  };
}

/** Adds a service report, an incident or a note to a supplier's timeline (files attached after). */
export async function addSupplierEvent(
  ctx: Ctx,
  actor: Actor,
  supplierKey: string,
  input: AddSupplierEventBody,
): Promise<SupplierEventView> {
  const supplier = await getSupplier(ctx, supplierKey);
  if (input.incidentId) await getIncident(ctx, input.incidentId, null);
  return mutate(ctx, actor, async (tx) => {
    const { id } = await supplierReviewRepository.insertEvent(tx.trx, {
      supplier_id: supplier.id,
      kind: input.kind,
      at: input.at ? new Date(input.at) : tx.now,
      title: input.title,
      detail: input.detail,
      incident_id: input.incidentId ?? null,
      review_id: null,
      recorded_by: actor.label,
      recorded_at: tx.now,
    });
    await tx.audit({
      action: 'supplier_event.recorded',
      entityType: 'supplier_event',
      entityId: id,
      after: { supplier: supplier.key, ...input },
    });
    return toEventView(tx.trx, (await supplierReviewRepository.getEvent(tx.trx, id))!);
  });
}
