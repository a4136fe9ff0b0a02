import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { addDays, startOfDate } from '../../platform/time/zoned-time.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import { openExpiryRenewal, renewalNoticeHorizon } from '../occurrences/open-expiry-renewal.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import type { SupplierView } from '../register/supplier.schema.js';
import {
  getSupplier,
  listAllSuppliers,
  updateSupplierInTransaction,
} from '../register/supplier.service.js';
import { supplierReviewRepository } from './supplier-review.repository.js';
import type { RecordCertificateBody } from './supplier-review.schema.js';

/** The trigger of the renewal SLA control (supplier-certification-expiry-30d). */
export const SUPPLIER_CERTIFICATION_EXPIRY_TRIGGER = 'supplier-certification-expiry';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;
type Renewal = Awaited<ReturnType<typeof supplierReviewRepository.renewals>>[number];

/** A certification valid through `expiresOn` expires at the start of the next day, local time. */
function expiryInstant(expiresOn: string, timeZone: string): Date {
  return startOfDate(addDays(expiresOn, 1), timeZone);
}

const renewalKey = (supplierId: string, certification: string, expiresOn: string) =>
  `${supplierId}\u0000${certification}\u0000${expiresOn}`;

/**
 * Opens the renewal occurrence of every supplier certification in the register that enters its
 * last 30 days (or has already expired without one): the shared expiry mechanism of the
 * occurrences module (open-expiry-renewal.ts) records a `supplier-certification-expiry` trigger
 * event 30 days before the expiry, due at the expiry, idempotent on supplier, certification and
 * expiry date, with the link to the certification in the same transaction.
 */
export async function openSupplierCertificateRenewals(ctx: Ctx): Promise<number> {
  const horizon = renewalNoticeHorizon(ctx.clock.now());
  const suppliers = await listAllSuppliers(ctx);
  const opened = new Set(
    (await supplierReviewRepository.renewals(ctx.db)).map((r) =>
      renewalKey(r.supplier_id, r.certification, r.expires_on),
    ),
  );
  let count = 0;
  for (const supplier of suppliers) {
    for (const certification of supplier.certifications) {
      if (certification.expiresOn === null) continue;
      const expiresAt = expiryInstant(certification.expiresOn, ctx.config.timezone);
      if (expiresAt > horizon) continue;
      if (opened.has(renewalKey(supplier.id, certification.name, certification.expiresOn)))
        continue;
      count += await openExpiryRenewal(
        ctx,
        {
          trigger: SUPPLIER_CERTIFICATION_EXPIRY_TRIGGER,
          asset: null,
          expiresAt,
          externalId:
            `supplier-certification-expiry:${supplier.id}:${certification.expiresOn}:${certification.name}`.slice(
              0,
              200,
            ),
          details: {
            supplier: supplier.key,
            certification: certification.name,
            expiresOn: certification.expiresOn,
          },
        },
        async (tx, occurrenceIds) => {
          for (const occurrenceId of occurrenceIds) {
            await supplierReviewRepository.insertRenewal(tx.trx, {
              supplier_id: supplier.id,
              certification: certification.name,
              expires_on: certification.expiresOn!,
              occurrence_id: occurrenceId,
              opened_at: tx.now,
            });
          }
        },
      );
    }
  }
  return count;
}

/** The open renewals a supplier's certifications now answer: the same name, expiring later. */
function renewedBy(renewal: Renewal, supplier: SupplierView): string | null {
  const newer = supplier.certifications.find(
    (c) =>
      c.name === renewal.certification && c.expiresOn !== null && c.expiresOn > renewal.expires_on,
  );
  return newer?.expiresOn ?? null;
}

async function completeRenewals(
  ctx: Ctx,
  tx: AuditedTransaction,
  renewals: readonly { renewal: Renewal; newExpiresOn: string }[],
): Promise<number> {
  let completed = 0;
  for (const { renewal, newExpiresOn } of renewals) {
    const marked = await supplierReviewRepository.markRenewed(
      tx.trx,
      {
        supplierId: renewal.supplier_id,
        certification: renewal.certification,
        expiresOn: renewal.expires_on,
      },
      { expiresOn: newExpiresOn, at: tx.now },
    );
    for (const { occurrence_id } of marked) {
      const occurrence = await getOccurrence(
        { db: tx.trx, clock: { now: () => tx.now } },
        occurrence_id,
      );
      const satisfied = await satisfyOccurrence(
        tx,
        {
          id: occurrence.id,
          controlKey: occurrence.controlKey,
          periodKey: occurrence.periodKey,
          status: occurrence.status,
        },
        { note: `${renewal.certification} renewed: now valid through ${newExpiresOn}` },
      );
      if (satisfied.recorded) completed += 1;
    }
    await tx.audit({
      action: 'supplier_certificate.renewal_completed',
      entityType: 'supplier',
      entityId: renewal.supplier_id,
      after: {
        certification: renewal.certification,
        expiredOn: renewal.expires_on,
        renewedThrough: newExpiresOn,
        occurrenceIds: marked.map((row) => row.occurrence_id),
      },
    });
  }
  return completed;
}

/**
 * Completes the renewal occurrences whose certification the register now shows with a later
 * expiry (the supplier was edited directly): run with the opening, every hour.
 */
export async function completeSupplierCertificateRenewals(ctx: Ctx): Promise<number> {
  const open = (await supplierReviewRepository.renewals(ctx.db)).filter(
    (r) => r.renewed_at === null,
  );
  if (open.length === 0) return 0;
  const byId = new Map((await listAllSuppliers(ctx)).map((s) => [s.id, s]));
  const answered = open.flatMap((renewal) => {
    const supplier = byId.get(renewal.supplier_id);
    const newExpiresOn = supplier ? renewedBy(renewal, supplier) : null;
    return newExpiresOn === null ? [] : [{ renewal, newExpiresOn }];
  });
  if (answered.length === 0) return 0;
  return mutate(ctx, systemActor, (tx) => completeRenewals(ctx, tx, answered));
}

/**
 * Records a supplier's renewed certificate: the register's certification of that name takes the
 * new expiry (added when the supplier had none), the timeline shows it, and the open renewal
 * occurrences of that certification are completed and verified, in one transaction. The file
 * itself is attached to the timeline entry or to the supplier review that reads it.
 */
export async function recordSupplierCertificate(
  ctx: Ctx,
  actor: Actor,
  supplierKey: string,
  input: RecordCertificateBody,
): Promise<void> {
  const supplier = await getSupplier(ctx, supplierKey);
  const certifications = [
    ...supplier.certifications
      .filter((c) => c.name !== input.name)
      .map(({ name, expiresOn }) => ({ name, expiresOn })),
    { name: input.name, expiresOn: input.expiresOn },
  ];
  await mutate(ctx, actor, async (tx) => {
    await updateSupplierInTransaction(ctx, tx, supplierKey, { certifications });
    await supplierReviewRepository.insertEvent(tx.trx, {
      supplier_id: supplier.id,
      kind: 'certificate',
      at: tx.now,
      title: `${input.name} valid through ${input.expiresOn}`,
      detail: input.note,
      incident_id: null,
      review_id: null,
      recorded_by: actor.label,
      recorded_at: tx.now,
    });
    const open = (await supplierReviewRepository.renewals(tx.trx, [supplier.id])).filter(
      (r) =>
        r.renewed_at === null && r.certification === input.name && r.expires_on < input.expiresOn,
    );
    await completeRenewals(
      ctx,
      tx,
      open.map((renewal) => ({ renewal, newExpiresOn: input.expiresOn })),
    );
  });
}

/** A supplier's certifications with the latest renewal opened for each. */
export async function listSupplierCertificates(ctx: Ctx, supplierKey: string) {
  const supplier = await getSupplier(ctx, supplierKey);
  const renewals = await supplierReviewRepository.renewals(ctx.db, [supplier.id]);
  return {
    items: supplier.certifications.map((certification) => {
      const latest = renewals.filter((r) => r.certification === certification.name).at(-1);
      return {
        ...certification,
        renewal: latest
          ? {
              occurrenceId: latest.occurrence_id,
              expiresOn: latest.expires_on,
              openedAt: latest.opened_at.toISOString(),
              renewedAt: latest.renewed_at?.toISOString() ?? null,
              renewedExpiresOn: latest.renewed_expires_on,
            }
          : null,
      };
    }),
  };
}
